import { useState } from 'react';
import { isMoneyString } from '@app/domain';
import { api } from '../api';
import { Amount, ErrorBox, Field, InputField, Loading, Pager, Select } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useAsync, useDebounced, usePagedList } from '../hooks';
import { useI18n, useLabel, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useUser } from '../session';
import type { Program, ReviewTask } from '../types';

const VIEWS = ['unassigned', 'mine', 'due_soon', 'overdue', 'all'] as const;
type View = (typeof VIEWS)[number];

interface Filters {
  programCode: string;
  status: string;
  enterprise: string;
  minAmount: string;
  maxAmount: string;
}
const NO_FILTERS: Filters = { programCode: '', status: 'open', enterprise: '', minAmount: '', maxAmount: '' };

/** The reviewers' queue: server-paginated, filtered and sorted in PostgreSQL (10,000 rows stay fast). */
export function QueuePage({ kind }: { kind: 'review' | 'second_approval' }) {
  const { t, lang } = useI18n();
  const me = useUser();
  const [view, setView] = useState<View>('unassigned');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState('due_at');
  const action = useAction();
  const debounced = useDebounced(filters, 250);
  // An amount that is not yet a valid amount is not sent (the field shows why).
  const amountOk = (k: 'minAmount' | 'maxAmount') => !debounced[k] || isMoneyString(debounced[k]);

  const programs = useAsync(() => api.get<Program[]>('/catalog/programs'), []);
  const assignees = useAsync(
    () =>
      me.role === 'senior_reviewer'
        ? api.get<{ id: string; displayName: string; role: string }[]>('/review-tasks/assignees')
        : Promise.resolve([]),
    [me.role],
  );
  const queue = usePagedList<ReviewTask>(
    '/review-tasks',
    {
      view,
      kind,
      status: debounced.status,
      programCode: debounced.programCode,
      enterprise: debounced.enterprise.trim(),
      minAmount: amountOk('minAmount') ? debounced.minAmount : undefined,
      maxAmount: amountOk('maxAmount') ? debounced.maxAmount : undefined,
      sort,
    },
    { pageSize: 25 },
  );

  async function act(fn: () => Promise<unknown>) {
    await action.run(fn);
    queue.reload();
  }

  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const toggleSort = (key: 'due_at' | 'amount') => setSort((s) => (s === key ? `-${key}` : key));
  const arrow = (key: string) => (sort === key ? ' ↑' : sort === `-${key}` ? ' ↓' : '');

  return (
    <div className="stack">
      <div className="row between">
        <h1>{t(kind === 'review' ? 'navQueue' : 'navSecondQueue')}</h1>
        <button type="button" onClick={queue.reload} data-testid="refresh">
          ⟳ {t('refresh')}
        </button>
      </div>
      <div className="tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            type="button"
            role="tab"
            key={v}
            aria-selected={view === v}
            className={view === v ? 'on' : ''}
            onClick={() => setView(v)}
            data-testid={`tab-${v}`}
          >
            {t(`view_${v}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="filters">
        <Field label={t('program')}>
          <select value={filters.programCode} onChange={(e) => set('programCode')(e.target.value)}>
            <option value="">{t('allPrograms')}</option>
            {(programs.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {lang === 'zh' ? p.nameZh : p.nameEn}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('status')}>
          <select value={filters.status} onChange={(e) => set('status')(e.target.value)} name="status">
            {['open', 'completed', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {t(`st_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <InputField
          label={t('enterprise')}
          name="enterprise"
          placeholder={t('searchEnterprise')}
          value={filters.enterprise}
          onValue={set('enterprise')}
        />
        {(['minAmount', 'maxAmount'] as const).map((k) => (
          <InputField
            key={k}
            label={t(k)}
            error={amountOk(k) ? null : t('moneyFormat')}
            name={k}
            inputMode="decimal"
            value={filters[k]}
            onValue={(v) => set(k)(v.trim())}
          />
        ))}
      </div>
      <ErrorBox error={action.error ?? queue.error} />
      <QueueTable
        tasks={queue.data?.items}
        loading={queue.loading}
        meId={me.id}
        senior={me.role === 'senior_reviewer'}
        assignees={assignees.data ?? []}
        onSortDue={() => toggleSort('due_at')}
        onSortAmount={() => toggleSort('amount')}
        dueArrow={arrow('due_at')}
        amountArrow={arrow('amount')}
        act={act}
      />
      {queue.data ? (
        <Pager page={queue.page} pageSize={queue.pageSize} total={queue.data.total} onPage={queue.setPage} />
      ) : null}
    </div>
  );
}

interface TableProps {
  tasks: ReviewTask[] | undefined;
  loading: boolean;
  meId: string;
  senior: boolean;
  assignees: { id: string; displayName: string; role: string }[];
  onSortDue(): void;
  onSortAmount(): void;
  dueArrow: string;
  amountArrow: string;
  act(fn: () => Promise<unknown>): Promise<void>;
}

function QueueTable(p: TableProps) {
  const { t } = useI18n();
  const label = useLabel();
  if (!p.tasks) return <Loading />;
  return (
    <div className={`table-wrap${p.loading ? ' refreshing' : ''}`}>
      <table className="grid" data-testid="queue-table">
        <thead>
          <tr>
            <th>{t('enterprise')}</th>
            <th>{t('kind')}</th>
            <th className="num">
              <button type="button" className="sort" onClick={p.onSortAmount}>
                {t('quotedFaceValue')}
                {p.amountArrow}
              </button>
            </th>
            <th>
              <button type="button" className="sort" onClick={p.onSortDue} data-testid="sort-due">
                {t('dueAt')}
                {p.dueArrow}
              </button>
            </th>
            <th>{t('assignee')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {p.tasks.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                {t('empty')}
              </td>
            </tr>
          ) : (
            p.tasks.map((task) => (
              <tr key={task.id} data-testid="queue-row" data-application={task.applicationId}>
                <td>
                  <Link to={`/applications/${task.applicationId}`}>{task.enterpriseName}</Link>
                </td>
                <td>
                  {label('kind_', task.kind)}
                  {task.round > 1 ? (
                    <span className="muted">
                      {' '}
                      · {t('round')} {task.round}
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <Amount value={task.quotedFaceValue} />
                </td>
                <td className={task.overdue ? 'overdue' : ''}>
                  {formatDateTime(task.dueAt)}
                  {task.overdue ? <span className="badge bad">{t('overdue')}</span> : null}
                </td>
                <td>{task.assigneeName ?? <span className="muted">{t('unassigned')}</span>}</td>
                <td>
                  <TaskActions task={task} {...p} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Claim / release / assign; the first reviewer is refused the second approval here, before the API. */
export function TaskActions({
  task,
  meId,
  senior,
  assignees,
  act,
}: {
  task: Pick<ReviewTask, 'id' | 'status' | 'assigneeId' | 'excludedUserId' | 'kind'>;
  meId: string;
  senior: boolean;
  assignees: { id: string; displayName: string; role: string }[];
  act(fn: () => Promise<unknown>): Promise<void>;
}) {
  const { t } = useI18n();
  if (task.status !== 'open') return null;
  const excluded = task.excludedUserId === meId;
  const eligible = assignees.filter(
    (a) => a.id !== task.excludedUserId && (task.kind === 'review' || a.role === 'senior_reviewer'),
  );
  return (
    <div className="row tight">
      {task.assigneeId === null ? (
        <button
          type="button"
          className="small"
          disabled={excluded}
          title={excluded ? t('sameReviewer') : undefined}
          onClick={() => void act(() => api.post(`/review-tasks/${task.id}/claim`))}
        >
          {t('claim')}
        </button>
      ) : task.assigneeId === meId || senior ? (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => api.post(`/review-tasks/${task.id}/release`))}
        >
          {t('release')}
        </button>
      ) : null}
      {senior ? (
        <Select
          className="small"
          aria-label={t('assign')}
          value=""
          placeholder={t('assignTo')}
          options={eligible.map((a) => ({ value: a.id, label: a.displayName }))}
          onValue={(userId) =>
            userId && void act(() => api.post(`/review-tasks/${task.id}/assign`, { userId }))
          }
        />
      ) : null}
      {excluded ? (
        <span className="muted small-text" data-testid="same-reviewer-note">
          {t('sameReviewer')}
        </span>
      ) : null}
    </div>
  );
}
