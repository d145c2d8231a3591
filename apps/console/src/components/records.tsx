import { useState } from 'react';
import { api } from '../api';
import { usePagedList } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { SpecForm, bodyOf, valuesOf, type FieldSpec, type Values } from './forms';
import { Card, ConfirmButton, Notice, PagedTable, type Column } from './ui';

/** A per-row action that asks for confirmation first (deactivate a user, remove a link, close a program). */
export interface RowAction<T> {
  label(row: T): string;
  message(row: T): string;
  testId(row: T): string;
  run(row: T): Promise<unknown>;
  /** No button on this row (e.g. the admin's own account). */
  hidden?(row: T): boolean;
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
 * An admin register at `url`: its paged list, a "new" form and, when `editable`, an edit form per row
 * (PUT `url/:id`), all from one field description. Test ids come from the last part of `url`.
 */
export function RecordsCard<T extends { id: string }>({
  title,
  url,
  columns,
  fields,
  defaults = {},
  editable,
  rowAction,
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
}) {
  const { t } = useI18n();
  // `/admin/related-parties` → `related-parties`, `related-parties-form`, `related-parties-row`.
  const testId = url.slice(url.lastIndexOf('/') + 1);
  const list = usePagedList<T>(url);
  const [editing, setEditing] = useState<{ id: string | null; values: Values } | null>(null);
  const [saved, setSaved] = useState(false);
  const open = (id: string | null, row: object) => {
    setSaved(false);
    setEditing({ id, values: valuesOf(fields, row) });
  };
  const edit: Column<T> = {
    head: t('actions'),
    cell: (r) => (
      <button type="button" className="small" onClick={() => open(r.id, r)} data-testid="edit">
        {t('edit')}
      </button>
    ),
  };
  const extra = [
    ...(editable ? [edit] : []),
    ...(rowAction ? [actionColumn(t('actions'), rowAction, list.reload)] : []),
  ];

  return (
    <Card
      title={t(title)}
      testId={testId}
      actions={
        editing ? null : (
          <button type="button" className="primary" onClick={() => open(null, defaults)} data-testid="new">
            + {t('create')}
          </button>
        )
      }
    >
      {editing ? (
        <div className="editor">
          <h3>{editing.id ? t('edit') : t('create')}</h3>
          <SpecForm
            key={editing.id ?? 'new'}
            fields={fields}
            initial={editing.values}
            submitLabel={t('save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              const body = bodyOf(fields, values);
              await (editing.id ? api.put(`${url}/${editing.id}`, body) : api.post(url, body));
              setEditing(null);
              setSaved(true);
              list.reload();
            }}
            testId={`${testId}-form`}
          />
        </div>
      ) : null}
      {saved ? <Notice kind="ok">{t('saved')}</Notice> : null}
      <PagedTable list={list} columns={[...columns, ...extra]} rowTestId={`${testId}-row`} />
    </Card>
  );
}
