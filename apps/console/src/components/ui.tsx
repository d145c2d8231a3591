import {
  cloneElement,
  isValidElement,
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactElement,
  type Key,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import { ApiError, api } from '../api';
import { useAction, type PagedList } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { formatMoney } from '../format';
import { Modal } from './dialog';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" /> {t('loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <div className="empty">{children ?? t('empty')}</div>;
}

/** A page-level error (field errors are shown next to their fields instead). */
/**
 * Why something failed, in the screen's language: the API's own text for a refusal, never its code; for a
 * fault inside the console only the heading (its English wording goes to the browser's log).
 */
export function ErrorBox({ error }: { error: Error | undefined | null }) {
  const { t, pick } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) console.error(error);
  return (
    <div className="alert error" role="alert">
      <strong>{t('errorGeneric')}</strong> {error instanceof ApiError ? pick(error.texts) : null}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'warn'; children: ReactNode }) {
  return (
    <div className={`alert ${kind}`} role="status">
      {children}
    </div>
  );
}

export function Amount({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return (
    <span className="amount" data-testid={testId}>
      {formatMoney(value)}
    </span>
  );
}

const TONES: Record<string, string> = {
  issued: 'ok',
  completed: 'ok',
  paid: 'ok',
  active: 'ok',
  refused: 'bad',
  rejected: 'bad',
  cancelled: 'muted',
  withdrawn: 'muted',
  expired: 'muted',
  supplement_requested: 'warn',
  awaiting_second_approval: 'warn',
  awaiting_approval: 'warn',
  disbursing: 'info',
};

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const label = useLabel();
  if (!status) return null;
  return (
    <span className={`badge ${TONES[status] ?? 'info'}`} data-status={status}>
      {label('st_', status)}
    </span>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage(p: number): void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ {t('prev')}
      </button>
      <span data-testid="pager-text">{t('pageOf', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('next')} ›
      </button>
    </div>
  );
}

/** A labelled form field with its error messages underneath. */
interface FieldProps {
  label: string;
  error?: string[] | string | null;
  hint?: string;
  wide?: boolean;
  /** Marked with a visible * (its meaning spoken as "必填") and aria-required on the control. */
  required?: boolean;
}

/**
 * `group`: several controls (checkboxes, each with its own label) under one caption, not one label.
 * The control (the one child element) is tied to its hint and errors: aria-describedby names them,
 * aria-invalid says it is wrong, aria-required that it must be filled (ADR 0047).
 */
export function Field({
  label,
  error,
  children,
  hint,
  wide,
  group,
  required,
}: FieldProps & { children: ReactNode; group?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const list = error ? (Array.isArray(error) ? error : [error]) : [];
  const Tag = group ? 'div' : 'label';
  const hintId = hint && !list.length ? `${id}-hint` : null;
  const errorIds = list.map((_, i) => `${id}-error-${i}`);
  const describedBy = [hintId, ...errorIds].filter(Boolean).join(' ') || undefined;
  const aria = {
    'aria-describedby': describedBy,
    'aria-invalid': list.length ? true : undefined,
    'aria-required': required ? true : undefined,
  };
  const control =
    !group && isValidElement(children)
      ? cloneElement(children as ReactElement<Record<string, unknown>>, aria)
      : children;
  return (
    <Tag
      className={`field${list.length ? ' invalid' : ''}${wide ? ' wide' : ''}`}
      role={group ? 'group' : undefined}
      {...(group ? aria : {})}
    >
      <span className="field-label">
        {label}
        {required ? (
          <span className="required-mark" title={t('requiredField')}>
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden">（{t('requiredField')}）</span>
          </span>
        ) : null}
      </span>
      {control}
      {hintId ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {list.map((m, i) => (
        <span className="field-error" role="alert" key={m} id={errorIds[i]}>
          {m}
        </span>
      ))}
    </Tag>
  );
}

/** A `Field` around a text input; `onValue` gets the raw text (callers trim where the API does). */
export function InputField({
  label,
  error,
  hint,
  wide,
  required,
  onValue,
  ...input
}: FieldProps & {
  name: string;
  value: string;
  onValue(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange' | 'required'>) {
  return (
    <Field label={label} error={error} hint={hint} wide={wide} required={required}>
      <input {...input} onChange={(e) => onValue(e.target.value)} />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select over `options`, with an empty first choice when `placeholder` is given. */
export function Select({
  options,
  placeholder,
  onValue,
  ...select
}: {
  options: Option[];
  placeholder?: string;
  onValue(value: string): void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'>) {
  return (
    <select {...select} onChange={(e) => onValue(e.target.value)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export interface Column<T> {
  head?: ReactNode;
  /** Right-aligned: amounts and counts. */
  num?: boolean;
  width?: number;
  cell(row: T): ReactNode;
}

export const byId = (row: { id: string }) => row.id;

/** A date or a moment as formatDate / formatDateTime print it: kept on one line (never "2025-" / "10-09"). */
const isDateText = (content: ReactNode) =>
  typeof content === 'string' && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(content);

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  rowClass,
  compact,
}: {
  rows: T[];
  // Typed by `rows` alone: a shared cell such as `quarterLabel` takes a wider row.
  columns: Column<NoInfer<T>>[];
  rowKey(row: NoInfer<T>, index: number): Key;
  rowTestId?: string;
  rowClass?(row: T): string;
  compact?: boolean;
}) {
  if (rows.length === 0) return <Empty />;
  // A wide table scrolls inside its own box, never the page (a 390 px phone, ADR 0050).
  return (
    <div className="table-wrap">
      <table className={compact ? 'grid compact' : 'grid'}>
        <thead>
          <tr>
            {columns.map((c, j) => (
              <th key={j} className={c.num ? 'num' : undefined}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} data-testid={rowTestId} className={rowClass?.(r)}>
              {columns.map((c, j) => {
                const content = c.cell(r);
                return (
                  <td
                    key={j}
                    className={c.num ? 'num' : isDateText(content) ? 'date' : undefined}
                    style={c.width ? { width: c.width } : undefined}
                  >
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A program's funders (province, city …), one row each: the funder named first, then `columns`. The
 * dashboard, its forecast and a redemption run show them.
 */
export function FunderTable<T extends { funderCode: string }>({
  rows,
  funderName,
  columns,
  rowTestId,
}: {
  rows: T[];
  funderName(row: T): string;
  columns: Column<NoInfer<T>>[];
  rowTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <DataTable
      compact
      rows={rows}
      rowKey={(f) => f.funderCode}
      rowTestId={rowTestId}
      columns={[{ head: t('funder'), cell: funderName }, ...columns]}
    />
  );
}

/** The states every paginated list goes through: its error, loading, empty, then its rows and the pager. */
export function Paged<T, Extra>({
  list,
  children,
}: {
  list: PagedList<T, Extra>;
  children(items: T[]): ReactNode;
}) {
  return (
    <>
      <ErrorBox error={list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty />
      ) : (
        <>
          {children(list.data.items)}
          <Pager page={list.page} pageSize={list.pageSize} total={list.data.total} onPage={list.setPage} />
        </>
      )}
    </>
  );
}

export function PagedTable<T extends { id: string }, Extra>({
  list,
  columns,
  rowTestId,
}: {
  list: PagedList<T, Extra>;
  columns: Column<T>[];
  rowTestId: string;
}) {
  return (
    <Paged list={list}>
      {(items) => <DataTable rows={items} columns={columns} rowKey={byId} rowTestId={rowTestId} />}
    </Paged>
  );
}

/** A small button on a row ('primary' for its main action, 'danger' for one that cannot be undone). */
export function SmallButton({
  kind,
  testId,
  disabled,
  onClick,
  children,
}: {
  kind?: 'primary' | 'danger';
  testId?: string;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={kind ? `small ${kind}` : 'small'}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** A link-like button that downloads a file the API serves (with the session's token) as `filename`. */
export function DownloadLink({
  url,
  filename,
  testId,
  children = filename,
}: {
  url: string;
  filename: string;
  testId: string;
  /** What the link says (the file's name unless given). */
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className="link"
      data-testid={testId}
      onClick={() => void api.download(url, filename)}
    >
      {children}
    </button>
  );
}

/** A form's closing row: anything beside (a cancel button), then the submit button, off while busy. */
export function SubmitRow({
  busy,
  label,
  busyLabel = label,
  children,
}: {
  busy: boolean;
  label: string;
  busyLabel?: string;
  children?: ReactNode;
}) {
  return (
    <div className="row end">
      {children}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

export function Card({
  title,
  children,
  actions,
  testId,
}: {
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" data-testid={testId}>
      {title || actions ? (
        <header className="card-head">
          {title ? <h2>{title}</h2> : <span />}
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function DefList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="deflist">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Field messages for a form from an API error (400 or 422), keyed by field path. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fields : {};
}

/** A modal confirmation (finance approves money movements with it). */
export function ConfirmDialog({
  message,
  onConfirm,
  onCancel,
  busy,
  error,
}: {
  message: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  /** Why the confirmed action failed (the dialog stays open to retry or cancel). */
  error?: Error | null;
}) {
  const { t } = useI18n();
  // Esc cancels, focus stays inside and returns to the button that asked (components/dialog.tsx).
  return (
    <Modal label={message} onClose={onCancel} busy={busy}>
      <p>{message}</p>
      <ErrorBox error={error} />
      <div className="row end">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {t('confirm')}
        </button>
      </div>
    </Modal>
  );
}

/** A button that asks first (`message` in a dialog), then runs `action`; the dialog shows its error if any. */
export function ConfirmButton({
  label,
  message,
  action,
  testId,
}: {
  label: string;
  message: string;
  action(): Promise<unknown>;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run } = useAction();
  const ask = () => {
    setError(null);
    setOpen(true);
  };
  return (
    <>
      <button type="button" className="small" onClick={ask} data-testid={testId}>
        {label}
      </button>
      {open ? (
        <ConfirmDialog
          message={message}
          busy={busy}
          error={error}
          onCancel={() => setOpen(false)}
          onConfirm={() => void run(action).then((ok) => ok && setOpen(false))}
        />
      ) : null}
    </>
  );
}

export function Progress({ value, max, label }: { value: number; max: number; label?: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="progress-bar" style={{ width: `${pct}%` }} />
      <span>{label ?? `${pct}%`}</span>
    </div>
  );
}
