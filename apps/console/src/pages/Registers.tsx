import { useState, type FormEvent } from 'react';
import { can } from '@app/domain';
import { api } from '../api';
import { Modal } from '../components/dialog';
import {
  Amount,
  Card,
  ErrorBox,
  Field,
  InputField,
  Notice,
  PagedTable,
  Select,
  StatusBadge,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate } from '../format';
import { useAction, useAsync, useDebounced, usePagedList, useRowDialog } from '../hooks';
import { useI18n, useLabel, type MessageKey, type Translate } from '../i18n';
import { Link } from '../router';
import { useUser } from '../session';
import type { ProgramRecord } from '../types';

const APPLICATION_STATUSES = [
  'submitted',
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
  'issued',
  'rejected',
  'refused',
  'withdrawn',
];
const VOUCHER_STATUSES = ['active', 'exhausted', 'expired', 'withdrawn'];
const REASON_MAX = 500;

interface RegisterRow {
  id: string;
  number: string;
  programCode: string;
  programNameZh: string;
  programNameEn: string;
  enterpriseName: string;
  status: string;
  claimsInFlight: number;
}
export interface ApplicationRow extends RegisterRow {
  faceValue: string | null;
  submittedOn: string;
  voucherId: string | null;
  voucherStatus: string | null;
}
export interface VoucherRow extends RegisterRow {
  applicationId: string;
  applicationNumber: string;
  faceValue: string;
  redeemedAmount: string;
  issuedOn: string;
}

/** What the withdrawal dialog needs of either register's row. */
interface WithdrawTarget {
  voucherId: string;
  number: string;
  enterpriseName: string;
}

/** The search box, status and program filters shared by both registers. */
function useRegister<T extends { id: string }>(url: string) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [programCode, setProgramCode] = useState('');
  const query = useDebounced(q.trim(), 250);
  const list = usePagedList<T>(url, { q: query, status, programCode });
  return { list, q, setQ, status, setStatus, programCode, setProgramCode };
}

function Filters({
  reg,
  statuses,
}: {
  reg: Omit<ReturnType<typeof useRegister>, 'list'>;
  statuses: string[];
}) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const programs = useAsync(() => api.get<ProgramRecord[]>('/admin/programs'), []);
  return (
    <div className="filters">
      <InputField
        label={t('search')}
        name="q"
        type="search"
        placeholder={t('registerSearchHint')}
        value={reg.q}
        onValue={reg.setQ}
      />
      <Field label={t('status')}>
        <Select
          name="status"
          value={reg.status}
          placeholder={t('allStatuses')}
          options={statuses.map((s) => ({ value: s, label: label('st_', s) }))}
          onValue={reg.setStatus}
        />
      </Field>
      <Field label={t('program')}>
        <Select
          name="programCode"
          value={reg.programCode}
          placeholder={t('allPrograms')}
          options={(programs.data ?? []).map((p) => ({
            value: p.code,
            label: lang === 'zh' ? p.nameZh : p.nameEn,
          }))}
          onValue={reg.setProgramCode}
        />
      </Field>
    </div>
  );
}

/** The withdraw button of a row: off, with its reason, while a claim of the voucher is still in a run. */
function WithdrawButton({
  target,
  inFlight,
  onOpen,
}: {
  target: WithdrawTarget;
  inFlight: number;
  onOpen(target: WithdrawTarget): void;
}) {
  const { t } = useI18n();
  const blocked = inFlight > 0 ? t('withdrawBlockedInFlight', { n: inFlight }) : undefined;
  return (
    <>
      <button
        type="button"
        className="small danger"
        data-testid="withdraw"
        disabled={inFlight > 0}
        aria-describedby={blocked ? `blocked-${target.voucherId}` : undefined}
        onClick={() => onOpen(target)}
      >
        {t('withdrawVoucher')}
      </button>
      {blocked ? (
        <span className="hint block" id={`blocked-${target.voucherId}`} data-testid="withdraw-blocked">
          {blocked}
        </span>
      ) : null}
    </>
  );
}

/** Asks for the reason (required, audited), then withdraws; Esc or 取消 leaves everything as it was. */
function WithdrawDialog({
  target,
  onClose,
  onDone,
}: {
  target: WithdrawTarget;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  const trimmed = reason.trim();
  const bad = trimmed.length < 1 || trimmed.length > REASON_MAX;
  const title = t('withdrawVoucherTitle', { number: target.number, enterprise: target.enterpriseName });

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (bad) return;
    void run(async () => {
      const res = await api.post<{ status: string }>(`/admin/vouchers/${target.voucherId}/withdraw`, {
        reason: trimmed,
      });
      onDone(
        res.status === 'withdrawn'
          ? t('voucherWithdrawn', { number: target.number })
          : t('voucherWithdrawPending'),
      );
    });
  }
  return (
    <Modal label={title} onClose={onClose} busy={busy} testId="withdraw-dialog">
      <h2>{title}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <Field
          label={t('withdrawReason')}
          required
          hint={t('withdrawReasonHint')}
          error={server.reason ?? (touched && bad ? t('withdrawReasonRequired') : null)}
        >
          <textarea
            name="reason"
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        <div className="row end">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary danger" disabled={busy}>
            {t('withdrawVoucher')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Each register's title, rows and statuses; its test ids are `<register>-register` and `…-row`. */
const REGISTERS = {
  application: {
    title: 'navApplicationRegister',
    url: '/admin/applications',
    statuses: APPLICATION_STATUSES,
  },
  voucher: { title: 'navVoucherRegister', url: '/admin/vouchers', statuses: VOUCHER_STATUSES },
} satisfies Record<string, { title: MessageKey; url: string; statuses: string[] }>;

/**
 * A register: its filters, the rows and, for those who may withdraw a voucher, a withdraw button on each row
 * whose voucher `withdrawable` names (an active one), with its dialog and the notice after it.
 */
function Register<T extends RegisterRow>({
  register,
  columns,
  withdrawable,
}: {
  register: keyof typeof REGISTERS;
  /** The register's columns, given those both show (enterprise, program). */
  columns(t: Translate, shared: Column<RegisterRow>[]): Column<T>[];
  /** The row's voucher when it may be withdrawn, else null. */
  withdrawable(row: T): string | null;
}) {
  const { t, lang } = useI18n();
  const me = useUser();
  const { title, url, statuses } = REGISTERS[register];
  const testId = `${register}-register`;
  const reg = useRegister<T>(url);
  const withdrawal = useRowDialog<WithdrawTarget, string>(reg.list.reload);
  const shared: Column<RegisterRow>[] = [
    { head: t('enterprise'), cell: (r) => r.enterpriseName },
    { head: t('program'), cell: (r) => (lang === 'zh' ? r.programNameZh : r.programNameEn) },
  ];
  const withdrawColumn: Column<T> = {
    head: t('actions'),
    cell: (r) => {
      const voucherId = withdrawable(r);
      return voucherId ? (
        <WithdrawButton
          target={{ voucherId, number: r.number, enterpriseName: r.enterpriseName }}
          inFlight={r.claimsInFlight}
          onOpen={withdrawal.reopen}
        />
      ) : null;
    },
  };
  const own = columns(t, shared);
  return (
    <Card title={t(title)} testId={testId}>
      <Filters reg={reg} statuses={statuses} />
      {withdrawal.outcome ? <Notice kind="ok">{withdrawal.outcome}</Notice> : null}
      <PagedTable
        list={reg.list}
        columns={can(me.role, 'withdrawVoucher') ? [...own, withdrawColumn] : own}
        rowTestId={`${testId}-row`}
      />
      {withdrawal.target ? (
        <WithdrawDialog target={withdrawal.target} onClose={withdrawal.close} onDone={withdrawal.done} />
      ) : null}
    </Card>
  );
}

export const ApplicationRegisterPage = () => (
  <Register<ApplicationRow>
    register="application"
    withdrawable={(r) => (r.voucherStatus === 'active' ? r.voucherId : null)}
    columns={(t, shared) => [
      { head: t('applicationNumber'), cell: (r) => <Link to={`/applications/${r.id}`}>{r.number}</Link> },
      ...shared,
      { head: t('submittedOn'), cell: (r) => formatDate(r.submittedOn) },
      { head: t('faceValue'), num: true, cell: (r) => <Amount value={r.faceValue} /> },
      { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
      {
        head: t('voucherStatus'),
        cell: (r) => (r.voucherStatus ? <StatusBadge status={r.voucherStatus} /> : t('noVoucher')),
      },
    ]}
  />
);

export const VoucherRegisterPage = () => (
  <Register<VoucherRow>
    register="voucher"
    withdrawable={(r) => (r.status === 'active' ? r.id : null)}
    columns={(t, shared) => [
      { head: t('voucherNumber'), cell: (r) => r.number },
      {
        head: t('applicationNumber'),
        cell: (r) => <Link to={`/applications/${r.applicationId}`}>{r.applicationNumber}</Link>,
      },
      ...shared,
      { head: t('issuedOn'), cell: (r) => formatDate(r.issuedOn) },
      { head: t('faceValue'), num: true, cell: (r) => <Amount value={r.faceValue} /> },
      { head: t('redeemedAmount'), num: true, cell: (r) => <Amount value={r.redeemedAmount} /> },
      { head: t('claimsInFlight'), num: true, cell: (r) => r.claimsInFlight },
      { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
    ]}
  />
);
