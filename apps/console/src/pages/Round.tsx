import { useState, type FormEvent } from 'react';
import { can, findProgram } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  ConfirmButton,
  DataTable,
  DefList,
  ErrorBox,
  Field,
  InputField,
  Loading,
  Notice,
  Select,
  SmallButton,
  StatusBadge,
  byId,
  type Column,
} from '../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useUser } from '../session';
import { tierLabel, type EntryView, type RoundView } from './RoundShared';

interface ObjectionView {
  id: string;
  entryId: string;
  applicantName: string;
  planRevision: number;
  objectorName: string;
  contact: string;
  content: string;
  status: string;
  decidedByName: string | null;
  decisionReason: string | null;
  createdAt: string;
}

const MOVING = new Set(['reviewing', 'notice', 'awaiting_finance', 'paying']);

/**
 * One round: its stage and dates, the ranking (bracket, then receipt order) with each entry's standing and
 * award, reviewers' decisions (a refusal admits the next in rank), objections and the senior's decisions,
 * and finance's approval once the notice is over.
 */
export function RoundPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const me = useUser();
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const round = useAsync(() => api.get<RoundView>(`/rounds/${id}`), [id, tick], {
    pollMs: 1500,
    poll: (r) => MOVING.has(r.status),
  });
  const entries = useAsync(
    () => api.get<{ items: EntryView[] }>(`/rounds/${id}/entries`),
    [id, tick, round.data?.status, round.data?.planRevision],
  );
  const objections = useAsync(
    () => api.get<{ items: ObjectionView[] }>(`/rounds/${id}/objections`),
    [id, tick, round.data?.status],
  );
  const close = useAction();
  if (!round.data) return round.error ? <ErrorBox error={round.error} /> : <Loading />;
  const r = round.data;
  const bySpend = (findProgram(r.programCode)?.round?.rankBy ?? 'prior-year-spend') === 'prior-year-spend';
  const reviewer = me.role === 'reviewer' || me.role === 'senior_reviewer';

  const columns: Column<EntryView>[] = [
    { head: t('rdRank'), num: true, cell: (e) => e.rank ?? '—' },
    { head: t('rdApplicant'), cell: (e) => e.applicantName },
    ...(bySpend
      ? [{ head: t('rdBracket'), cell: (e: EntryView) => tierLabel(r.programCode, e.bracket) }]
      : []),
    {
      head: bySpend ? t('rdSpend') : t('rdFees'),
      num: true,
      cell: (e) => <Amount value={e.basis} />,
    },
    { head: t('rdReceipt'), num: true, cell: (e) => e.receiptSeq },
    { head: t('rdSubmittedAt'), cell: (e) => formatDateTime(e.submittedAt) },
    {
      head: t('rdMaterialsMissing'),
      num: true,
      cell: (e) => (e.materialsMissing?.length ? e.materialsMissing.length : '✓'),
    },
    { head: t('rdStanding'), cell: (e) => <StatusBadge status={e.standing} /> },
    { head: t('rdAward'), num: true, cell: (e) => (e.award ? <Amount value={e.award} /> : '—') },
    {
      head: t('actions'),
      cell: (e) =>
        reviewer && r.status === 'reviewing' && e.standing === 'in_review' ? (
          <ReviewCell roundId={id} entry={e} onDone={reload} />
        ) : e.reviewReason || e.removedReason ? (
          <span className="hint">{e.removedReason ?? e.reviewReason}</span>
        ) : e.paymentStatus ? (
          <StatusBadge status={e.paymentStatus} />
        ) : null,
    },
  ];

  return (
    <div className="stack">
      <Card
        title={`${pick(findProgram(r.programCode)?.name) || r.programCode} · ${r.year}`}
        testId="round-summary"
        actions={
          <div className="row">
            {r.publishedOn ? (
              <Link to={`/notices/${r.programCode}/${r.year}`} testId="public-notice-link">
                {t('rdPublicNotice')}
              </Link>
            ) : null}
            {r.status === 'open' && can(me.role, 'closeRound') ? (
              <SmallButton
                testId="close-round"
                disabled={close.busy}
                onClick={() => void close.run(async () => (await api.post(`/rounds/${id}/close`), reload()))}
              >
                {t('rdClose')}
              </SmallButton>
            ) : null}
            {can(me.role, 'approveRound') && (r.status === 'notice' || r.status === 'awaiting_finance') ? (
              <ConfirmButton
                label={t('rdApprovePayment')}
                testId="approve-round"
                message={t('rdApproveConfirm', { total: formatMoney(r.totalAward), n: r.counts.awarded })}
                action={async () => {
                  await api.post(`/rounds/${id}/approve`);
                  reload();
                }}
              />
            ) : null}
          </div>
        }
      >
        <ErrorBox error={close.error} />
        <DefList
          items={[
            [t('status'), <StatusBadge key="s" status={r.status} />],
            [t('rdWindow'), `${formatDate(r.opensOn)} ~ ${formatDate(r.closesOn)}`],
            [t('rdBusinessDate'), formatDate(r.businessDate)],
            [t('rdVersion'), `v${r.programVersion}`],
            [t('rdReviewQuota'), String(r.reviewQuota)],
            [
              t('rdCounts'),
              t('rdCountsText', {
                entries: r.counts.entries,
                inReview: r.counts.inReview,
                waiting: r.counts.waiting,
                approved: r.counts.approved,
                refused: r.counts.refused,
                removed: r.counts.removed,
              }),
            ],
            [t('rdPlanRevision'), String(r.planRevision)],
            [
              t('rdNotice'),
              r.publishedOn ? `${formatDate(r.publishedOn)} ~ ${formatDate(r.noticeEndsOn)}` : '—',
            ],
            [t('rdOpenObjections'), String(r.counts.openObjections)],
            [t('rdTotalAward'), <Amount key="a" value={r.totalAward} testId="round-total" />],
          ]}
        />
        {r.status === 'notice' ? (
          <Notice kind="warn">
            {t('rdNoticeRunning', { days: r.noticeWorkingDays, end: r.noticeEndsOn ?? '' })}
          </Notice>
        ) : null}
      </Card>
      <Card title={bySpend ? t('rdRankingSpend') : t('rdRankingFees')} testId="ranking">
        <ErrorBox error={entries.error} />
        {entries.data ? (
          <DataTable
            rows={entries.data.items}
            columns={columns}
            rowKey={byId}
            rowTestId="entry-row"
            compact
          />
        ) : (
          <Loading />
        )}
      </Card>
      <Card title={t('rdObjections')} testId="objections">
        <ErrorBox error={objections.error} />
        {objections.data ? (
          <DataTable
            rows={objections.data.items}
            rowKey={byId}
            rowTestId="objection-row"
            columns={[
              { head: t('rdApplicant'), cell: (o) => o.applicantName },
              { head: t('rdObjector'), cell: (o) => `${o.objectorName} (${o.contact})` },
              { head: t('rdObjection'), cell: (o) => o.content },
              { head: t('rdRaisedAt'), cell: (o) => formatDateTime(o.createdAt) },
              { head: t('status'), cell: (o) => <StatusBadge status={o.status} /> },
              {
                head: t('rdDecision'),
                cell: (o) =>
                  o.status === 'open' && can(me.role, 'decideObjection') ? (
                    <ObjectionDecision roundId={id} objectionId={o.id} onDone={reload} />
                  ) : (
                    <span className="hint">
                      {o.decidedByName ? `${o.decidedByName}: ${o.decisionReason ?? ''}` : '—'}
                    </span>
                  ),
              },
            ]}
          />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

function ReviewCell({ roundId, entry, onDone }: { roundId: string; entry: EntryView; onDone(): void }) {
  const { t } = useI18n();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const decide = (decision: 'approve' | 'refuse') =>
    void run(async () => {
      await api.post(`/rounds/${roundId}/entries/${entry.id}/review`, {
        decision,
        ...(decision === 'refuse' ? { reason: reason.trim() } : {}),
      });
      onDone();
    });
  return (
    <div className="row">
      {refusing ? (
        <>
          <input
            name="reason"
            placeholder={t('rdRefuseReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <SmallButton testId="confirm-refuse" disabled={busy} onClick={() => decide('refuse')}>
            {t('rdRefuse')}
          </SmallButton>
        </>
      ) : (
        <>
          <SmallButton
            kind="primary"
            testId="approve-entry"
            disabled={busy}
            onClick={() => decide('approve')}
          >
            {t('rdApprove')}
          </SmallButton>
          <SmallButton testId="refuse-entry" onClick={() => setRefusing(true)}>
            {t('rdRefuse')}
          </SmallButton>
        </>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

function ObjectionDecision({
  roundId,
  objectionId,
  onDone,
}: {
  roundId: string;
  objectionId: string;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('upheld');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api.post(`/rounds/${roundId}/objections/${objectionId}/decision`, {
        outcome,
        reason: reason.trim(),
      });
      onDone();
    });
  }
  return (
    <form className="row bottom" onSubmit={submit} data-testid="objection-decision">
      <Field label={t('rdOutcome')}>
        <Select
          name="outcome"
          value={outcome}
          onValue={setOutcome}
          options={[
            { value: 'upheld', label: t('st_upheld') },
            { value: 'dismissed', label: t('st_dismissed') },
          ]}
        />
      </Field>
      <InputField
        label={t('rdDecisionReason')}
        name="decisionReason"
        value={reason}
        onValue={setReason}
        error={
          error && 'fields' in error
            ? (error as { fields: Record<string, string[]> }).fields.reason
            : undefined
        }
      />
      <button type="submit" className="small primary" disabled={busy}>
        {t('submit')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}
