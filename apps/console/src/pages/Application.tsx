import { useState } from 'react';
import {
  APPLICATION_DOMAIN_LABELS,
  INDUSTRY_LABELS,
  RULE_LABELS,
  SERVICE_KIND_LABELS,
  findProgram,
  regionName,
  ruleParamTexts,
  type LocalizedText,
  type RuleId,
} from '@app/domain';
import { api } from '../api';
import { Amount, Card, DataTable, DefList, ErrorBox, Loading, Notice, StatusBadge } from '../components/ui';
import { formatDate, formatDateTime, formatMoney, formatRate, formatSpan } from '../format';
import { useAsync } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { useUser } from '../session';
import type { ApplicationDetail, HistoryEntry } from '../types';
import { CommentsCard } from './Comments';
import { DecisionPanel } from './Decision';
import { SupplementPanel } from './Supplement';
import { PrintableDocuments, ProgressTracker } from './ProgressTracker';
import { SupervisionNotice } from './Supervision';

/** Statuses the workflow is still working on by itself: the page polls until it moves on. */
const BUSY = new Set(['submitted', 'checking']);

export function ApplicationPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const me = useUser();
  // After an action the workflow answers asynchronously: poll until the status leaves this one.
  const [waitingFrom, setWaitingFrom] = useState<string | null>(null);
  const app = useAsync(() => api.get<ApplicationDetail>(`/applications/${id}`), [id], {
    pollMs: 700,
    poll: (d) => BUSY.has(d.status) || (waitingFrom !== null && d.status === waitingFrom),
  });
  const d = app.data;
  if (!d) return app.error ? <ErrorBox error={app.error} /> : <Loading />;
  const busy = BUSY.has(d.status) || (waitingFrom !== null && d.status === waitingFrom);
  const afterAction = () => {
    setWaitingFrom(d.status);
    app.reload();
  };
  const reviewer = me.role === 'reviewer' || me.role === 'senior_reviewer';

  return (
    <div className="stack" data-testid="application-page">
      <div className="row between">
        <h1>
          {t('application')} · {d.contract.contractNumber}
        </h1>
        <div className="row">
          {busy ? <span className="spinner" title={t('waitingWorkflow')} /> : null}
          <span data-testid="application-status">
            <StatusBadge status={d.status} />
          </span>
        </div>
      </div>
      {d.refusalCode ? (
        <Notice kind="warn">
          {t('refusalReason')}: {pick(d.checks.find((c) => c.code === d.refusalCode)?.message)}
        </Notice>
      ) : null}
      {me.role !== 'enterprise' ? <SupervisionNotice enterpriseId={d.enterprise.id} /> : null}
      <MaterialsCard app={d} />
      {reviewer ? <DecisionPanel app={d} onDone={afterAction} /> : null}
      {reviewer || me.role === 'admin' ? <CommentsCard applicationId={d.id} canWrite={reviewer} /> : null}
      {me.role === 'enterprise' ? <SupplementPanel app={d} onDone={afterAction} /> : null}
      {me.role === 'enterprise' ? <ProgressTracker applicationId={d.id} refreshKey={d.status} /> : null}
      {me.role === 'enterprise' && d.voucher ? (
        <PrintableDocuments
          applicationId={d.id}
          voucherId={d.voucher.id}
          contractNumber={d.contract.contractNumber}
        />
      ) : null}
      <div className="cols">
        <EnterpriseCard app={d} />
        <ContractCard app={d} />
      </div>
      <ChecksCard app={d} />
      <div className="cols">
        <ComputationCard app={d} />
        <VoucherCard app={d} />
      </div>
      <HistoryCard history={d.history} />
    </div>
  );
}

function EnterpriseCard({ app }: { app: ApplicationDetail }) {
  const { t, pick } = useI18n();
  return (
    <Card title={t('enterprise')}>
      <DefList
        items={[
          [t('name'), app.enterprise.name],
          [t('creditCode'), app.enterprise.creditCode],
          [t('region'), pick(regionName(app.enterprise.registrationRegion))],
          [
            t('industry'),
            pick((INDUSTRY_LABELS as Record<string, LocalizedText>)[app.enterprise.industry]) ||
              app.enterprise.industry,
          ],
          [t('submittedOn'), formatDate(app.submittedOn)],
          [t('program'), pick(findProgram(app.programCode)?.name) || app.programCode],
        ]}
      />
    </Card>
  );
}

function ContractCard({ app }: { app: ApplicationDetail }) {
  const { t, lang, pick } = useI18n();
  const c = app.contract;
  const domain = (APPLICATION_DOMAIN_LABELS as Record<string, LocalizedText>)[c.applicationDomain];
  return (
    <Card title={t('contract')}>
      <DefList
        items={[
          [t('contractNumber'), c.contractNumber],
          [t('supplier'), lang === 'zh' ? c.supplier.nameZh : c.supplier.nameEn],
          [t('signedOn'), formatDate(c.signedOn)],
          [t('term'), formatSpan(c.startDate, c.endDate)],
          [t('applicationDomain'), domain ? pick(domain) : c.applicationDomain],
          [t('contractTotal'), <Amount key="total" value={c.totalAmount} />],
        ]}
      />
      <DataTable
        compact
        rows={c.lines}
        rowKey={(_, i) => i}
        columns={[
          {
            head: t('serviceKind'),
            cell: (l) =>
              pick((SERVICE_KIND_LABELS as Record<string, LocalizedText>)[l.serviceKind]) || l.serviceKind,
          },
          { head: t('description'), cell: (l) => l.description },
          { head: t('amount'), num: true, cell: (l) => <Amount value={l.amount} /> },
        ]}
      />
    </Card>
  );
}

function ChecksCard({ app }: { app: ApplicationDetail }) {
  const { t, pick } = useI18n();
  return (
    <Card title={t('checks')} testId="checks">
      {app.checks.length === 0 ? (
        <div className="loading">
          <span className="spinner" /> {t('checksPending')}
        </div>
      ) : (
        <DataTable
          compact
          rows={app.checks}
          rowKey={(c) => c.rule}
          rowTestId="check-row"
          rowClass={(c) => (c.passed ? '' : 'failed')}
          columns={[
            {
              head: t('rule'),
              cell: (c) => (
                <>
                  {RULE_LABELS[c.rule as RuleId] ? pick(RULE_LABELS[c.rule as RuleId]) : c.rule}
                  {c.params ? (
                    <div className="muted check-params">
                      {ruleParamTexts(c.params)
                        .map((p) => `${pick(p.label)}: ${pick(p.value)}`)
                        .join(' · ')}
                    </div>
                  ) : null}
                </>
              ),
            },
            {
              head: t('result'),
              cell: (c) => (
                <span className={`badge ${c.passed ? 'ok' : 'bad'}`}>
                  {t(c.passed ? 'passed' : 'failed')}
                </span>
              ),
            },
            {
              head: t('reason'),
              cell: (c) => <>{pick(c.message)}</>,
            },
          ]}
        />
      )}
    </Card>
  );
}

function ComputationCard({ app }: { app: ApplicationDetail }) {
  const { t } = useI18n();
  const c = app.computation;
  const eligibleBase = app.contract.lines
    .filter((l) => l.serviceKind === 'intelligent_compute')
    .map((l) => l.amount);
  return (
    <Card title={t('computation')} testId="computation">
      <DefList
        items={[
          [t('contractDays'), c.contractDays ?? '—'],
          [t('eligibleDays'), c.eligibleDays ?? '—'],
          [
            t('eligibleAmount'),
            <span key="ea">
              <Amount value={c.eligibleAmount} />
              <span className="formula">= {t('formulaEligible')}</span>
              {c.eligibleDays != null && eligibleBase.length === 1 ? (
                <span className="formula">
                  {' '}
                  ({eligibleBase[0]} × {c.eligibleDays}/{c.contractDays})
                </span>
              ) : null}
            </span>,
          ],
          [t('rate'), formatRate(c.rate)],
          [t('yearlyCap'), <Amount key="cap" value={c.yearlyCap} />],
          [`${t('issuedThisYear')} (${c.capYear})`, <Amount key="iy" value={c.issuedThisYear} />],
          [t('yearlyRoomLeft'), <Amount key="room" value={c.yearlyRoomLeft} testId="room-left" />],
          [
            t('quotedFaceValue'),
            <span key="q">
              <Amount value={c.quotedFaceValue} testId="quoted-face-value" />
              <span className="formula">= {t('formulaFace')}</span>
            </span>,
          ],
          [t('faceValue'), <Amount key="fv" value={c.faceValue} testId="face-value" />],
        ]}
      />
    </Card>
  );
}

function VoucherCard({ app }: { app: ApplicationDetail }) {
  const { t } = useI18n();
  const v = app.voucher;
  return (
    <Card title={t('voucher')} testId="voucher">
      {!v ? (
        <div className="empty">—</div>
      ) : (
        <DefList
          items={[
            [t('faceValue'), <Amount key="f" value={v.faceValue} />],
            [t('redeemed'), <Amount key="r" value={v.redeemedAmount} />],
            [t('remaining'), <Amount key="m" value={v.remaining} />],
            [t('status'), <StatusBadge key="s" status={v.status} />],
            [t('capYear'), v.capYear],
            [t('issuedOn'), formatDate(v.issuedOn)],
          ]}
        />
      )}
    </Card>
  );
}

/** The uploaded materials, each under its checklist slot's name; near the top, where reviewers start. */
function MaterialsCard({ app }: { app: ApplicationDetail }) {
  const { t, pick } = useI18n();
  const slotName = (code: string | null | undefined) =>
    code ? findProgram(app.programCode)?.materials.find((m) => m.code === code)?.name : undefined;
  const me = useUser();
  const [error, setError] = useState<Error | null>(null);
  const canDownload = me.role !== 'finance';
  return (
    <Card title={t('materials')} testId="materials">
      <ErrorBox error={error} />
      {app.materials.length === 0 ? (
        <div className="empty">{t('noMaterials')}</div>
      ) : (
        <ul className="files">
          {app.materials.map((m) => (
            <li key={m.id} data-testid="material-row">
              {slotName(m.slotCode) ? <strong>{pick(slotName(m.slotCode))}：</strong> : null}
              <span className="filename">{m.filename}</span>
              <span className="muted">
                {(m.sizeBytes / 1024).toFixed(1)} KB · {formatDateTime(m.uploadedAt)}
              </span>
              {canDownload ? (
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    void api
                      .download(`/applications/${app.id}/materials/${m.id}`, m.filename)
                      .catch((e: Error) => setError(e))
                  }
                >
                  {t('download')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const ACTIONS: Record<string, LocalizedText> = {
  'application.submitted': { zh: '提交申领', en: 'Application submitted' },
  'application.checked': { zh: '完成自动资格检查', en: 'Automated checks done' },
  'application.material_uploaded': { zh: '上传材料', en: 'Material uploaded' },
  'application.materials_from_draft': {
    zh: '随申领提交材料',
    en: 'Materials submitted with the application',
  },
  'application.resubmitted': { zh: '重新提交', en: 'Resubmitted' },
  'application.refused_at_issuance': { zh: '发放时未通过', en: 'Refused at issuance' },
  'review_task.opened': { zh: '生成审核任务', en: 'Review task opened' },
  'review_task.claimed': { zh: '领取审核任务', en: 'Task claimed' },
  'review_task.released': { zh: '释放审核任务', en: 'Task released' },
  'review_task.assigned': { zh: '分派审核任务', en: 'Task assigned' },
  'review_task.reminded': { zh: '到期提醒', en: 'Reminder sent' },
  'review_task.escalated': { zh: '逾期升级', en: 'Escalated' },
  'review.approve': { zh: '审核通过', en: 'Approved' },
  'review.reject': { zh: '驳回', en: 'Rejected' },
  'review.request_supplement': { zh: '要求补充材料', en: 'Supplement requested' },
  'voucher.issued': { zh: '发放算力券', en: 'Voucher issued' },
  'voucher.expired': { zh: '算力券过期', en: 'Voucher expired' },
  'voucher.withdrawn': { zh: '算力券收回', en: 'Voucher withdrawn' },
  'supervision.finding_recorded': { zh: '监督检查认定违规', en: 'Supervision finding recorded' },
};

/** The one or two facts worth reading in a history line (reason, file, amount, status). */
function summary(h: HistoryEntry, label: (p: string, v: string) => string): string {
  const a = h.after ?? {};
  const parts: string[] = [];
  if (typeof a.status === 'string') parts.push(label('st_', a.status));
  if (typeof a.kind === 'string') parts.push(label('kind_', a.kind));
  if (typeof a.reason === 'string' && a.reason) parts.push(`“${a.reason}”`);
  if (typeof a.note === 'string' && a.note) parts.push(`“${a.note}”`);
  if (typeof a.filename === 'string') parts.push(a.filename);
  if (typeof a.faceValue === 'string') parts.push(formatMoney(a.faceValue));
  return parts.join(' · ');
}

function HistoryCard({ history }: { history: HistoryEntry[] }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  return (
    <Card title={t('history')} testId="history">
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i} data-action={h.action}>
            <span className="when">{formatDateTime(h.at)}</span>
            <span className="what">{ACTIONS[h.action] ? pick(ACTIONS[h.action]) : t('otherAction')}</span>
            <span className="who">
              {h.actorName ?? (h.actor.startsWith('system') ? t('system') : t('unknownActor'))}
            </span>
            <span className="detail">{summary(h, label)}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
