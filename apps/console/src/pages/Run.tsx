import { useEffect, useState } from 'react';
import { can } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  ConfirmDialog,
  DataTable,
  DefList,
  ErrorBox,
  FunderTable,
  Loading,
  InputField,
  Notice,
  Pager,
  Progress,
  StatusBadge,
  byId,
} from '../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { useAction, useAsync, useDebounced, usePagedList } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { useUser } from '../session';
import type { FunderTotal, FundingShare, PartyTotal, RunDetail, RunLine } from '../types';

const STEPS = ['gathering', 'computing', 'awaiting_approval', 'disbursing', 'completed'];

/** Statuses whose run has its lines computed (and so can be read and downloaded). */
const WITH_LINES = ['awaiting_approval', 'disbursing', 'completed'];

export function RunPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const me = useUser();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run: act } = useAction();
  const [approvedHere, setApprovedHere] = useState(false);
  const run = useAsync(() => api.get<RunDetail>(`/redemption-runs/${id}`), [id], {
    // Poll while the workflow is moving (and right after approval until disbursement shows).
    pollMs: 800,
    poll: (r) => r.status !== 'completed' && (r.status !== 'awaiting_approval' || approvedHere),
  });
  const catalog = useAsync(
    () => api.get<{ code: string; fundingShares: FundingShare[] }[]>('/catalog/programs'),
    [],
  );
  const r = run.data;
  if (!r) return run.error ? <ErrorBox error={run.error} /> : <Loading />;
  const preview = r.report?.preview;
  const done = r.status === 'completed';
  const byEnterprise = (done ? r.report?.byEnterprise : preview?.byEnterprise) ?? [];
  const bySupplier = (done ? r.report?.bySupplier : preview?.bySupplier) ?? [];
  const byFunder = (done ? r.report?.byFunder : preview?.byFunder) ?? [];
  const limitedByPool = (done ? r.report?.limitedByPoolCount : preview?.limitedByPoolCount) ?? 0;
  const funders = catalog.data?.find((p) => p.code === r.programCode)?.fundingShares ?? [];

  async function approve() {
    if (await act(() => api.post(`/redemption-runs/${id}/approve`))) {
      setApprovedHere(true);
      run.reload();
    }
    setConfirming(false);
  }
  const file = `redemption-${r.year}-Q${r.quarter}`;

  return (
    <div className="stack" data-testid="run-page">
      <div className="row between">
        <h1>
          {t('run')} · {r.year} Q{r.quarter}
        </h1>
        <span data-testid="run-status">
          <StatusBadge status={r.status} />
        </span>
      </div>
      <Steps status={r.status} />
      <ErrorBox error={error} />
      <div className="cols">
        <Card title={t('preview')} testId="run-totals">
          <DefList
            items={[
              [t('runDate'), formatDate(r.runDate)],
              [
                t('runStartedBy'),
                <span key="s" data-testid="run-started-by">
                  {r.startedBy ? (r.startedByName ?? '—') : t('runStartedBySchedule')}
                </span>,
              ],
              [
                t('claimCount'),
                <span key="c" data-testid="run-claims">
                  {r.claimCount}
                </span>,
              ],
              [t('totalPayout'), <Amount key="t" value={r.totalPayout} testId="run-total" />],
              [t('paidCount'), r.paidCount],
              [t('paidTotal'), <Amount key="p" value={r.paidTotal} testId="run-paid" />],
              ...(r.approvedAt ? [[t('approved'), formatDateTime(r.approvedAt)] as [string, string]] : []),
              ...(r.completedAt
                ? [[t('runCompleted'), formatDateTime(r.completedAt)] as [string, string]]
                : []),
            ]}
          />
        </Card>
        <Card title={t('disbursing')}>
          {r.status === 'disbursing' || done ? (
            <Progress value={r.paidCount} max={r.claimCount} label={`${r.paidCount} / ${r.claimCount}`} />
          ) : (
            <p className="muted">—</p>
          )}
          {r.status === 'awaiting_approval' && r.approvalBlock && can(me.role, 'approveRedemptionRun') ? (
            <div data-testid="run-approval-block">
              <Notice kind="warn">{r.approvalBlock.message[lang]}</Notice>
            </div>
          ) : null}
          <div className="row">
            {r.status === 'awaiting_approval' &&
            can(me.role, 'approveRedemptionRun') &&
            r.mayApprove &&
            !approvedHere ? (
              <button type="button" className="primary" onClick={() => setConfirming(true)}>
                {t('approveRun')}
              </button>
            ) : null}
            {WITH_LINES.includes(r.status)
              ? (['csv', 'xlsx'] as const).map((ext) => (
                  <button
                    key={ext}
                    type="button"
                    onClick={() =>
                      void api
                        .download(`/redemption-runs/${id}/report.${ext}`, `${file}.${ext}`)
                        .catch(setError)
                    }
                  >
                    {t(ext === 'csv' ? 'downloadCsv' : 'downloadXlsx')}
                  </button>
                ))
              : null}
          </div>
          {done ? <Notice kind="ok">{t('runCompleted')}</Notice> : null}
        </Card>
      </div>
      <div className="cols">
        <PartyTable title={t('byEnterprise')} rows={byEnterprise} testId="by-enterprise" />
        <PartyTable title={t('bySupplier')} rows={bySupplier} testId="by-supplier" />
      </div>
      <RunFunders rows={byFunder} funders={funders} limitedByPool={limitedByPool} />
      {WITH_LINES.includes(r.status) ? <RunLines runId={id} status={r.status} /> : null}
      {confirming ? (
        <ConfirmDialog
          message={t('approveConfirm', { count: r.claimCount, total: formatMoney(r.totalPayout) })}
          onConfirm={() => void approve()}
          onCancel={() => setConfirming(false)}
          busy={busy}
        />
      ) : null}
    </div>
  );
}

function Steps({ status }: { status: string }) {
  const label = useLabel();
  const at = STEPS.indexOf(status);
  return (
    <ol className="steps">
      {STEPS.map((s, i) => (
        <li key={s} className={i < at ? 'done' : i === at ? 'current' : ''}>
          {label('st_', s)}
          {i === at && s !== 'completed' && s !== 'awaiting_approval' ? <span className="spinner" /> : null}
        </li>
      ))}
    </ol>
  );
}

function PartyTable({ title, rows, testId }: { title: string; rows: PartyTotal[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Card title={title} testId={testId}>
      <DataTable
        compact
        rows={rows}
        rowKey={byId}
        columns={[
          {
            head: t('name'),
            cell: (p) => p.name,
          },
          { head: t('payouts'), num: true, cell: (p) => p.payouts },
          { head: t('limitedByBalance'), num: true, cell: (p) => p.limitedByBalance },
          { head: t('total'), num: true, cell: (p) => <Amount value={p.total} /> },
        ]}
      />
    </Card>
  );
}

/** Each budget's share of the run (province and city 1:1 for Henan), exact to the fen. */
function RunFunders({
  rows,
  funders,
  limitedByPool,
}: {
  rows: FunderTotal[];
  funders: FundingShare[];
  limitedByPool: number;
}) {
  const { t, lang } = useI18n();
  const name = (code: string) => funders.find((f) => f.funderCode === code)?.funder[lang] ?? code;
  const share = (code: string) => funders.find((f) => f.funderCode === code)?.share ?? '';
  return (
    <Card title={t('byFunder')} testId="by-funder">
      {limitedByPool > 0 ? (
        <Notice kind="warn">{t('limitedByPoolNotice', { count: limitedByPool })}</Notice>
      ) : null}
      <FunderTable
        rows={rows}
        funderName={(f) => name(f.funderCode)}
        columns={[
          { head: t('fundingShare'), num: true, cell: (f) => share(f.funderCode) },
          { head: t('total'), num: true, cell: (f) => <Amount value={f.total} /> },
        ]}
      />
    </Card>
  );
}

/** The run's payouts claim by claim: searchable and paginated on the server, before approval too. */
function RunLines({ runId, status }: { runId: string; status: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const lines = usePagedList<RunLine, { totalAmount: string }>(
    `/redemption-runs/${runId}/lines`,
    { q: search || undefined },
    { pageSize: 20 },
  );
  const { reload } = lines;
  // Each step of the run (approved, paying, paid) changes the lines' statuses: read them again.
  useEffect(() => reload(), [status, reload]);
  return (
    <Card title={t('runLines')} testId="run-lines">
      <div className="filters">
        <InputField
          label={t('runLinesSearch')}
          hint={t('runLinesSearchHint')}
          name="q"
          type="search"
          value={q}
          onValue={setQ}
        />
      </div>
      <ErrorBox error={lines.error} />
      {lines.data ? (
        <p className="muted" data-testid="run-lines-summary">
          {t('runLinesMatching', { count: lines.data.total, total: formatMoney(lines.data.totalAmount) })}
        </p>
      ) : null}
      {!lines.data ? (
        <Loading />
      ) : (
        <>
          <DataTable
            compact
            rows={lines.data.items}
            rowKey={(l) => l.claimNumber}
            rowTestId="run-line"
            columns={[
              { head: t('runClaimNo'), cell: (l) => l.claimNumber },
              { head: t('runVoucherNo'), cell: (l) => l.voucherNumber },
              { head: t('runApplicationNo'), cell: (l) => l.applicationNumber },
              { head: t('contractNumberShort'), cell: (l) => l.contractNumber },
              { head: t('invoiceNumberShort'), cell: (l) => l.invoiceNumber },
              { head: t('enterpriseShort'), cell: (l) => l.enterpriseName },
              { head: t('supplierShort'), cell: (l) => l.supplierName },
              { head: t('claimedOnShort'), cell: (l) => formatDate(l.claimedOn) },
              { head: t('lineAmount'), num: true, cell: (l) => <Amount value={l.amount} /> },
              { head: t('lineStatus'), cell: (l) => label('payout_', l.status) },
            ]}
          />
          {lines.data.total > 0 ? (
            <Pager
              page={lines.page}
              pageSize={lines.pageSize}
              total={lines.data.total}
              onPage={lines.setPage}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}
