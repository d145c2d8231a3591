import { useState, type ReactNode } from 'react';
import { api, type QueryValue } from '../api';
import { useDebounced, usePagedList, useRowDialog } from '../hooks';
import { hasKey, useI18n, type MessageKey } from '../i18n';
import { SpecForm, bodyOf, valuesOf, type FieldSpec, type Values } from './forms';
import { Card, ConfirmButton, InputField, Notice, PagedTable, SmallButton, type Column } from './ui';

/** A per-row action that asks for confirmation first (deactivate a user, remove a link, close a program). */
export interface RowAction<T> {
  label(row: T): string;
  message(row: T): string;
  testId(row: T): string;
  run(row: T): Promise<unknown>;
  /** No button on this row (e.g. the admin's own account). */
  hidden?(row: T): boolean;
}

/** A per-row action that needs a few values first (an admin sets a user's new password). */
export interface RowForm<T> {
  label: string;
  /** The button's test id; the form's is `<register>-<testId>-form`. */
  testId: string;
  title(row: T): string;
  fields: FieldSpec[];
  run(row: T, values: Values): Promise<unknown>;
  /** Shown once it is done. */
  done: string;
}

/** The actions column for `action`, reloading the rows with `reload` once it is done. */
export function actionColumn<T>(head: string, action: RowAction<T>, reload: () => void): Column<T> {
  return {
    head,
    cell: (r) =>
      action.hidden?.(r) ? null : (
        <ConfirmButton
          label={action.label(r)}
          message={action.message(r)}
          testId={action.testId(r)}
          action={async () => {
            await action.run(r);
            reload();
          }}
        />
      ),
  };
}

/**
 * An admin register at `url`: its paged list searched by the server (`q`, debounced, plus `params` set by
 * the page's own `filters`), a "new" form and, when `editable`, an edit form per row (PUT `url/:id`), all
 * from one field description. Test ids come from the last part of `url`.
 */
export function RecordsCard<T extends { id: string }>({
  title,
  url,
  columns,
  fields,
  defaults = {},
  editable,
  rowAction,
  rowForm,
  params = {},
  filters,
}: {
  /** The dictionary key of the card's title. */
  title: MessageKey;
  url: string;
  columns: Column<T>[];
  fields: FieldSpec[];
  /** Values a new record starts with. */
  defaults?: object;
  editable?: boolean;
  rowAction?: RowAction<T>;
  rowForm?: RowForm<T>;
  /** More query parameters, from `filters`. */
  params?: Record<string, QueryValue>;
  /** More filter controls beside the search box. */
  filters?: ReactNode;
}) {
  const { t } = useI18n();
  // `/admin/related-parties` → `related-parties`, `related-parties-form`, `related-parties-row`.
  const testId = url.slice(url.lastIndexOf('/') + 1);
  // What the search box searches: `search_related_parties` in the dictionary.
  const searches = `search_${testId.replaceAll('-', '_')}`;
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const list = usePagedList<T>(url, { ...params, q: query });
  // The record form (`row` null: a new record) or the row form for `row`.
  const editor = useRowDialog<{ row: T | null; values: Values; rowForm?: boolean }, string>(list.reload);
  const { target: editing, outcome: saved } = editor;
  const open = (row: T | null, values: Values, isRowForm?: boolean) =>
    editor.reopen({ row, values, rowForm: isRowForm });
  const action = rowAction ? actionColumn(t('actions'), rowAction, list.reload) : null;
  const actions: Column<T> = {
    head: t('actions'),
    cell: (r) => (
      <div className="row tight">
        {editable ? (
          <SmallButton testId="edit" onClick={() => open(r, valuesOf(fields, r))}>
            {t('edit')}
          </SmallButton>
        ) : null}
        {rowForm ? (
          <SmallButton testId={rowForm.testId} onClick={() => open(r, valuesOf(rowForm.fields, {}), true)}>
            {rowForm.label}
          </SmallButton>
        ) : null}
        {action?.cell(r)}
      </div>
    ),
  };
  const form = editing?.rowForm && rowForm ? rowForm.fields : fields;
  async function submit(values: Values) {
    if (!editing) return;
    const row = editing.row;
    if (editing.rowForm && rowForm && row) await rowForm.run(row, values);
    else {
      const body = bodyOf(fields, values);
      await (row ? api.put(`${url}/${row.id}`, body) : api.post(url, body));
    }
    editor.done(editing.rowForm && rowForm ? rowForm.done : t('saved'));
  }

  return (
    <Card
      title={t(title)}
      testId={testId}
      actions={
        editing ? null : (
          <button
            type="button"
            className="primary"
            onClick={() => open(null, valuesOf(fields, defaults))}
            data-testid="new"
          >
            + {t('create')}
          </button>
        )
      }
    >
      {editing ? (
        <div className="editor">
          <h3>
            {editing.rowForm && rowForm && editing.row
              ? rowForm.title(editing.row)
              : editing.row
                ? t('edit')
                : t('create')}
          </h3>
          <SpecForm
            key={`${editing.rowForm ? 'row:' : ''}${editing.row?.id ?? 'new'}`}
            fields={form}
            initial={editing.values}
            submitLabel={t('save')}
            onCancel={editor.close}
            onSubmit={submit}
            testId={editing.rowForm && rowForm ? `${testId}-${rowForm.testId}-form` : `${testId}-form`}
          />
        </div>
      ) : null}
      {saved ? <Notice kind="ok">{saved}</Notice> : null}
      <div className="filters">
        <InputField
          label={t('search')}
          name="q"
          type="search"
          placeholder={hasKey(searches) ? t(searches) : undefined}
          value={q}
          onValue={setQ}
        />
        {filters}
      </div>
      <PagedTable
        list={list}
        columns={editable || rowForm || rowAction ? [...columns, actions] : columns}
        rowTestId={`${testId}-row`}
      />
    </Card>
  );
}
