import { useState, type FormEvent, type ReactNode } from 'react';
import { normalizeAmountInput, isAmountInput } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  ErrorBox,
  InputField,
  Loading,
  Notice,
  PagedTable,
  StatusBadge,
  SubmitRow,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { useAction, useAsync, useFieldMessages, usePagedList } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { Link, navigate } from '../router';
import { useUser } from '../session';
import { ApproveRefuse, MaterialChecklist, type RequiredMaterial } from './PuhuiShared';

interface Deduction {
  id: string;
  voucherNo: string;
  paymentReference: string;
  paymentAmount: string;
  amount: string;
  shareLimit: string;
  limitedBy: string;
  paidOn: string;
  voucherRemaining: string;
  enterpriseName: string;
  redemptionId: string | null;
  redemptionStatus: string | null;
}

interface Redemption {
  id: string;
  status: string;
  amount: string;
  supplierName: string;
  voucherNo: string;
  enterpriseName: string;
  paymentAmount: string;
  paymentReference: string;
  paidOn: string;
  submittedAt: string | null;
  decidedAt: string | null;
  refusalReason: string | null;
  paidAt: string | null;
  bankReference: string | null;
  requiredMaterials: RequiredMaterial[];
  fundingShares: { funderCode: string; amount: string }[];
}

interface DForm {
  voucherNo: string;
  paymentAmount: string;
  paymentReference: string;
}

/** The supplier records what a presented voucher takes off a payment, and opens redemptions. */
export function PuhuiDeductionsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const [form, setForm] = useState<DForm>({ voucherNo: '', paymentAmount: '', paymentReference: '' });
  const [recorded, setRecorded] = useState<Deduction | null>(null);
  const list = useAsync(() => api.get<Deduction[]>('/pool-deductions'), []);
  const { busy, error, run } = useAction();
  const redeem = useAction();
  const errors: Record<string, string> = {};
  if (!/^[A-Z]{2}-\d{4}-\d{6,}$/.test(form.voucherNo)) errors.voucherNo = 'PH-2025-000001';
  if (!isAmountInput(form.paymentAmount)) errors.paymentAmount = t('moneyFormat');
  if (!form.paymentReference.trim()) errors.paymentReference = t('required');
  const msgs = useFieldMessages(errors, fieldErrors(error));
  const set = (k: keyof DForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!msgs.attempt()) return;
    void run(async () => {
      const d = await api.post<Deduction>('/pool-deductions', {
        ...form,
        paymentAmount: normalizeAmountInput(form.paymentAmount) ?? form.paymentAmount,
        paymentReference: form.paymentReference.trim(),
      });
      setRecorded(d);
      list.reload();
    });
  };
  const columns: Column<Deduction>[] = [
    { head: t('phVoucherNo'), cell: (d) => d.voucherNo },
    { head: t('phEnterprise'), cell: (d) => d.enterpriseName },
    { head: t('phPaidOn'), cell: (d) => formatDate(d.paidOn) },
    { head: t('phPaymentAmount'), num: true, cell: (d) => <Amount value={d.paymentAmount} /> },
    { head: t('phDeduction'), num: true, cell: (d) => <Amount value={d.amount} /> },
    { head: t('phLimitedBy'), cell: (d) => label('phLimit_', d.limitedBy) },
    {
      head: t('phRedemption'),
      cell: (d) =>
        d.redemptionId ? (
          <Link to={`/puhui/redemptions/${d.redemptionId}`}>
            <StatusBadge status={d.redemptionStatus} />
          </Link>
        ) : (
          <button
            type="button"
            className="small"
            data-testid="ph-redeem"
            disabled={redeem.busy}
            onClick={() =>
              void redeem.run(async () => {
                const r = await api.post<{ id: string }>(`/pool-deductions/${d.id}/redemption`);
                navigate(`/puhui/redemptions/${r.id}`);
              })
            }
          >
            {t('phRedeem')}
          </button>
        ),
    },
  ];
  return (
    <div className="stack">
      <Card title={t('phDeductTitle')} testId="ph-deduct">
        <Notice>{t('phDeductHint')}</Notice>
        <form onSubmit={submit} className="stack" noValidate>
          <div className="row">
            <InputField
              label={t('phVoucherNo')}
              name="voucherNo"
              value={form.voucherNo}
              onValue={(v) => set('voucherNo')(v.trim().toUpperCase())}
              onBlur={() => msgs.touch('voucherNo')}
              error={msgs.err('voucherNo')}
            />
            <InputField
              label={t('phPaymentAmount')}
              name="paymentAmount"
              inputMode="decimal"
              value={form.paymentAmount}
              onValue={set('paymentAmount')}
              onBlur={() => msgs.touch('paymentAmount')}
              error={msgs.err('paymentAmount')}
            />
            <InputField
              label={t('phPaymentReference')}
              name="paymentReference"
              value={form.paymentReference}
              onValue={set('paymentReference')}
              onBlur={() => msgs.touch('paymentReference')}
              error={msgs.err('paymentReference')}
            />
          </div>
          <ErrorBox error={error} />
          <SubmitRow busy={busy} label={t('phDeductTitle')} />
        </form>
        {recorded ? (
          <Notice kind="ok">
            <span data-testid="ph-deduction-recorded">
              {t('phDeductionRecorded')}: {recorded.voucherNo} · {t('phDeduction')}{' '}
              <Amount value={recorded.amount} testId="ph-deduction-amount" /> (
              {label('phLimit_', recorded.limitedBy)}) · {t('phRemaining')}{' '}
              <Amount value={recorded.voucherRemaining} />
            </span>
          </Notice>
        ) : null}
      </Card>
      <Card title={t('phDeductions')}>
        <ErrorBox error={redeem.error} />
        {list.data ? (
          <DataTable rows={list.data} columns={columns} rowKey={(d) => d.id} rowTestId="ph-deduction-row" />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

/** Redemptions: the supplier's own, or for the bureau every one awaiting verification. */
export function PuhuiRedemptionsPage() {
  const { t } = useI18n();
  const me = useUser();
  const list = usePagedList<Redemption>(
    '/pool-redemptions',
    me.role === 'supplier' ? {} : { status: 'submitted' },
  );
  const columns: Column<Redemption>[] = [
    { head: t('phVoucherNo'), cell: (r) => <Link to={`/puhui/redemptions/${r.id}`}>{r.voucherNo}</Link> },
    { head: t('phSupplier'), cell: (r) => r.supplierName },
    { head: t('phEnterprise'), cell: (r) => r.enterpriseName },
    { head: t('amount'), num: true, cell: (r) => <Amount value={r.amount} /> },
    { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <Card title={t('phRedemptions')}>
      <PagedTable list={list} columns={columns} rowTestId="ph-redemption-row" />
    </Card>
  );
}

const VERIFIERS = new Set(['reviewer', 'senior_reviewer', 'finance']);

/** One redemption: its materials (the supplier uploads, then submits), the bureau's verdict, the payment. */
export function PuhuiRedemptionPage({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useUser();
  const r = useAsync(() => api.get<Redemption>(`/pool-redemptions/${id}`), [id], {
    pollMs: 1000,
    poll: (d) => d.status === 'approved',
  });
  const submit = useAction();
  if (!r.data) return r.error ? <ErrorBox error={r.error} /> : <Loading />;
  const d = r.data;
  const draft = d.status === 'draft';
  return (
    <div className="stack">
      <h1>
        {t('phRedemption')} · {d.voucherNo}
      </h1>
      <div className="cols">
        <Card title={t('phRedemption')} testId="ph-redemption">
          <DefList
            items={[
              [t('phSupplier'), d.supplierName],
              [t('phEnterprise'), d.enterpriseName],
              [t('phPaymentReference'), d.paymentReference],
              [t('phPaidOn'), formatDate(d.paidOn)],
              [t('phPaymentAmount'), <Amount key="p" value={d.paymentAmount} />],
              [t('amount'), <Amount key="a" value={d.amount} testId="ph-redemption-amount" />],
              [t('status'), <StatusBadge key="s" status={d.status} />],
              ...(d.refusalReason ? [[t('phReason'), d.refusalReason] as [string, string]] : []),
              ...(d.paidAt
                ? [
                    [
                      t('phBankReference'),
                      <span key="b" data-testid="ph-bank-reference">
                        {d.bankReference}
                      </span>,
                    ] as [string, ReactNode],
                    [t('date'), formatDateTime(d.paidAt)] as [string, string],
                  ]
                : []),
              ...d.fundingShares.map((s): [string, ReactNode] => [
                `${t('phFundingShares')} · ${s.funderCode}`,
                <Amount key={s.funderCode} value={s.amount} />,
              ]),
            ]}
          />
        </Card>
        <Card title={t('phMaterials')} testId="ph-redemption-materials">
          <MaterialChecklist
            materials={d.requiredMaterials}
            uploadUrl={me.role === 'supplier' && draft ? `/pool-redemptions/${id}/materials` : null}
            onUploaded={r.reload}
          />
          {me.role === 'supplier' && draft ? (
            <div className="stack">
              <ErrorBox error={submit.error} />
              <div className="row end">
                <button
                  type="button"
                  className="primary"
                  disabled={submit.busy}
                  data-testid="ph-submit-redemption"
                  onClick={() =>
                    void submit.run(() => api.post(`/pool-redemptions/${id}/submit`)).then(() => r.reload())
                  }
                >
                  {t('phSubmitRedemption')}
                </button>
              </div>
            </div>
          ) : null}
        </Card>
      </div>
      {VERIFIERS.has(me.role) && d.status === 'submitted' ? (
        <Card title={t('phVerify')}>
          <ApproveRefuse
            url={`/pool-redemptions/${id}/decision`}
            approveLabel={t('phVerify')}
            onDone={r.reload}
          />
        </Card>
      ) : null}
    </div>
  );
}
