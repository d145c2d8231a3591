import type { ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n, useLabel } from '../i18n';
import { formatMoney } from '../format';

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
export function ErrorBox({ error }: { error: Error | undefined | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="alert error" role="alert">
      <strong>{t('errorGeneric')}</strong>
      {code ? <code className="code">{code}</code> : null} {error.message}
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
export function Field({
  label,
  error,
  children,
  hint,
  wide,
}: {
  label: string;
  error?: string[] | string | null;
  children: ReactNode;
  hint?: string;
  wide?: boolean;
}) {
  const list = error ? (Array.isArray(error) ? error : [error]) : [];
  return (
    <label className={`field${list.length ? ' invalid' : ''}${wide ? ' wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !list.length ? <span className="hint">{hint}</span> : null}
      {list.map((m) => (
        <span className="field-error" role="alert" key={m}>
          {m}
        </span>
      ))}
    </label>
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
}: {
  message: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true">
        <p>{message}</p>
        <div className="row end">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </button>
          <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
            {t('confirm')}
          </button>
        </div>
      </div>
    </div>
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
