import { useState } from 'react';
import { normalizeAmountInput } from '@app/domain';
import { api, qs } from '../api';
import { Amount, ErrorBox, Field, InputField, Loading, Pager, Select } from '../components/ui';
import { formatDate, formatDateTime } from '../format';
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

/** A filter a reviewer saved by name: the tab, the filters and the sort (ADR 0048: in this browser). */
interface SavedFilter {
  name: string;
  view: View;
  filters: Filters;
  sort: string;
}
type TabCounts = Record<View, { count: number; exact: boolean }>;

/** Saved filters live in localStorage, one list per user and queue, so two people on one PC never mix. */
const savedKey = (userId: string, kind: string) => `review.savedFilters.${kind}.${userId}`;
function loadSaved(key: string): SavedFilter[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(list) ? (list as SavedFilter[]).filter((f) => f && typeof f.name === 'string') : [];
  } catch {
    return [];
  }
}

/** The reviewers' queue: server-paginated, filtered and sorted in PostgreSQL (10,000 rows stay fast). */
export function QueuePage({ kind }: { kind: 'review' | 'second_approval' }) {
  const { t, lang } = useI18n();
  const me = useUser();
  const [view, setView] = useState<View>('unassigned');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState('due_at');
  const action = useAction();
  const storeKey = savedKey(me.id, kind);
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSaved(storeKey));
  const debounced = useDebounced(filters, 250);
  // An amount that is not yet a valid amount is not sent (the field shows why).
  const amountOf = (k: 'minAmount' | 'maxAmount') =>
    debounced[k] ? (normalizeAmountInput(debounced[k]) ?? undefined) : undefined;
  const amountOk = (k: 'minAmount' | 'maxAmount') => !debounced[k] || amountOf(k) !== undefined;

  const programs = useAsync(() => api.get<Program[]>('/catalog/programs'), []);
  const assignees = useAsync(
    () =>
      me.role === 'senior_reviewer'
        ? api.get<{ id: string; displayName: string; role: string }[]>('/review-tasks/assignees')
        : Promise.resolve([]),
    [me.role],
  );
  const query = {
    kind,
    status: debounced.status,
    programCode: debounced.programCode,
    enterprise: debounced.enterprise.trim(),
    minAmount: amountOf('minAmount'),
    maxAmount: amountOf('maxAmount'),
  };
  const queue = usePagedList<ReviewTask>('/review-tasks', { ...query, view, sort }, { pageSize: 25 });
  // The tabs' counts follow the same filters; reloaded with the list (queue.data changes on every load).
  const counts = useAsync(() => api.get<TabCounts>(`/review-tasks/counts${qs(query)}`), [queue.data]);

  async function act(fn: () => Promise<unknown>) {
    await action.run(fn);
    queue.reload();
  }

  function persist(list: SavedFilter[]) {
    setSaved(list);
    localStorage.setItem(storeKey, JSON.stringify(list));
  }
  function apply(f: SavedFilter) {
    setView(f.view);
    setFilters({ ...NO_FILTERS, ...f.filters });
    setSort(f.sort);
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
            {counts.data ? (
              <span className="tab-count" data-testid={`tab-count-${v}`}>
                {' '}
                {counts.data[v].exact
                  ? counts.data[v].count
                  : t('tabCountCapped', { count: counts.data[v].count })}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <SavedFilters
        saved={saved}
        onApply={apply}
        onSave={(name) => persist([...saved.filter((f) => f.name !== name), { name, view, filters, sort }])}
        onDelete={(name) => persist(saved.filter((f) => f.name !== name))}
      />
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
            <th>
              {t('queueApplicationNo')} / {t('queueContractNo')}
            </th>
            <th>{t('queueSubmittedOn')}</th>
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
              <td colSpan={8} className="empty">
                {t('empty')}
              </td>
            </tr>
          ) : (
            p.tasks.map((task) => (
              <tr key={task.id} data-testid="queue-row" data-application={task.applicationId}>
                <td>
                  <Link to={`/applications/${task.applicationId}`}>{task.enterpriseName}</Link>
                </td>
                <td data-testid="queue-refs">
                  <span className="mono">{task.applicationNumber}</span>
                  <br />
                  <span className="muted">{task.contractNumber ?? '—'}</span>
                </td>
                <td data-testid="queue-submitted">{task.submittedOn ? formatDate(task.submittedOn) : '—'}</td>
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

/** Saved filters: pick one to apply it, or save the current tab, filters and sort under a name. */
function SavedFilters({
  saved,
  onApply,
  onSave,
  onDelete,
}: {
  saved: SavedFilter[];
  onApply(f: SavedFilter): void;
  onSave(name: string): void;
  onDelete(name: string): void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="filters saved-filters" data-testid="saved-filters">
      <Field label={t('savedFilters')}>
        <select
          name="savedFilter"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            const f = saved.find((x) => x.name === e.target.value);
            if (f) onApply(f);
          }}
        >
          <option value="">{t('savedFilterPick')}</option>
          {saved.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      {chosen ? (
        <button
          type="button"
          className="small"
          onClick={() => {
            onDelete(chosen);
            setChosen('');
          }}
        >
          {t('savedFilterDelete')}
        </button>
      ) : null}
      <InputField
        label={t('savedFilterName')}
        name="savedFilterName"
        value={name}
        error={error}
        onValue={(v) => {
          setName(v);
          setError(null);
          setDone(null);
        }}
      />
      <button
        type="button"
        className="small"
        data-testid="save-filter"
        onClick={() => {
          const trimmed = name.trim();
          if (!trimmed) return setError(t('savedFilterNameRequired'));
          onSave(trimmed);
          setChosen(trimmed);
          setName('');
          setDone(t('savedFilterSaved', { name: trimmed }));
        }}
      >
        {t('savedFilterSave')}
      </button>
      {done ? (
        <span className="muted small-text" role="status">
          {done}
        </span>
      ) : null}
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
