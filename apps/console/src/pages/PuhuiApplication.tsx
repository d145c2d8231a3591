import type { ReactNode } from 'react';
import { RULE_LABELS, type LocalizedText } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  ErrorBox,
  Loading,
  Notice,
  PagedTable,
  StatusBadge,
  type Column,
} from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { useAsync, usePagedList } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { Link } from '../router';
import { useUser } from '../session';
import { ApproveRefuse, MaterialChecklist, PUHUI, type RequiredMaterial } from './PuhuiShared';

interface PoolApplicationDetail {
  id: string;
  programCode: string;
  programVersion: number;
  year: number;
  receiptNo: string;
  status: string;
  waitlistPosition: number | null;
  submittedOn: string;
  receivedAt: string;
  promotedAt: string | null;
  refusalCode: string | null;
  refusalReason: string | null;
  enterprise: { id: string; name: string; creditCode: string; registrationRegion: string };
  checks: { rule: string; passed: boolean; message: { zh: string; en: string } }[];
  requiredMaterials: RequiredMaterial[];
  voucher: {
    voucherNo: string;
    faceValue: string;
    deducted: string;
    remaining: string;
    validYear: number;
    issuedOn: string;
    status: string;
  } | null;
  history: { at: string; actorName: string | null; actor: string; action: string }[];
}

const REVIEWERS = new Set(['reviewer', 'senior_reviewer']);

/** One 普惠 application: its place in the pool, its materials, the decision and the voucher it got. */
export function PuhuiApplicationPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const me = useUser();
  const a = useAsync(() => api.get<PoolApplicationDetail>(`/pool-applications/${id}`), [id]);
  if (!a.data) return a.error ? <ErrorBox error={a.error} /> : <Loading />;
  const d = a.data;
  const open = d.status === 'holding' || d.status === 'waitlisted';
  return (
    <div className="stack">
      <h1>
        {t('navPuhui')} · {t('phReceiptNo')} {d.receiptNo}
      </h1>
      <div className="cols">
        <Card title={t('phMine')} testId="ph-application">
          <DefList
            items={[
              [t('phEnterprise'), d.enterprise.name],
              [t('phReceiptNo'), d.receiptNo],
              [t('phReceivedAt'), formatDateTime(d.receivedAt)],
              [t('status'), <StatusBadge key="s" status={d.status} />],
              ...(d.waitlistPosition
                ? [
                    [
                      t('phPosition'),
                      <span key="p" data-testid="ph-position">
                        {d.waitlistPosition}
                      </span>,
                    ] as [string, ReactNode],
                  ]
                : []),
              ...(d.refusalReason ? [[t('phReason'), d.refusalReason] as [string, string]] : []),
            ]}
          />
          {d.checks.length ? (
            <DataTable
              rows={d.checks}
              rowKey={(c) => c.rule}
              compact
              rowTestId="ph-check-row"
              columns={[
                {
                  head: t('phCheck'),
                  cell: (c) => pick((RULE_LABELS as Record<string, LocalizedText>)[c.rule]) || c.rule,
                },
                {
                  head: t('status'),
                  cell: (c) => <span className={`badge ${c.passed ? 'ok' : 'bad'}`}>{pick(c.message)}</span>,
                },
              ]}
            />
          ) : null}
        </Card>
        <Card title={t('phMaterials')} testId="ph-materials">
          <MaterialChecklist
            materials={d.requiredMaterials}
            uploadUrl={me.role === 'enterprise' && open ? `/pool-applications/${id}/materials` : null}
            onUploaded={a.reload}
          />
        </Card>
      </div>
      {d.voucher ? (
        <Card title={t('phVoucher')} testId="ph-voucher">
          <DefList
            items={[
              [
                t('phVoucherNo'),
                <strong key="n" data-testid="ph-voucher-no">
                  {d.voucher.voucherNo}
                </strong>,
              ],
              [t('faceValue'), <Amount key="f" value={d.voucher.faceValue} testId="ph-voucher-face" />],
              [t('phDeducted'), <Amount key="d" value={d.voucher.deducted} />],
              [t('phRemaining'), <Amount key="r" value={d.voucher.remaining} />],
              [t('phValidYear'), d.voucher.validYear],
              [t('issuedOn'), formatDate(d.voucher.issuedOn)],
              [t('status'), <StatusBadge key="s" status={d.voucher.status} />],
            ]}
          />
        </Card>
      ) : null}
      {REVIEWERS.has(me.role) && d.status === 'holding' ? (
        <Card title={t('phDecision')}>
          <ApproveRefuse
            url={`/pool-applications/${id}/decision`}
            approveLabel={t('phApprove')}
            onDone={a.reload}
          />
        </Card>
      ) : null}
      {d.status === 'waitlisted' ? <Notice>{t('phApplyHint')}</Notice> : null}
      <Card title={t('phHistory')}>
        <DataTable
          rows={d.history}
          rowKey={(_, i) => i}
          compact
          columns={[
            { head: t('date'), cell: (h) => formatDateTime(h.at) },
            { head: t('actions'), cell: (h) => label('phAct_', h.action) },
            { head: t('phActor'), cell: (h) => h.actorName ?? h.actor },
          ]}
        />
      </Card>
    </div>
  );
}

interface QueueRow {
  id: string;
  receiptNo: string;
  status: string;
  enterpriseName: string;
  creditCode: string;
  receivedAt: string;
  materialsUploaded: number;
  promotedAt: string | null;
}

/** The reviewers' 普惠 list: applications holding a slot, in receipt order. */
export function PuhuiReviewPage() {
  const { t } = useI18n();
  const list = usePagedList<QueueRow>(`/pools/${PUHUI}/applications`, { status: 'holding' });
  const columns: Column<QueueRow>[] = [
    { head: t('phReceiptNo'), cell: (r) => r.receiptNo },
    {
      head: t('phEnterprise'),
      cell: (r) => <Link to={`/puhui/applications/${r.id}`}>{r.enterpriseName}</Link>,
    },
    { head: t('phReceivedAt'), cell: (r) => formatDateTime(r.receivedAt) },
    { head: t('phMaterials'), num: true, cell: (r) => r.materialsUploaded },
    { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <Card title={t('phReviewTitle')}>
      <PagedTable list={list} columns={columns} rowTestId="ph-review-row" />
    </Card>
  );
}
