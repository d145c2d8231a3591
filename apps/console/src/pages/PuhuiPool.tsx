import type { ReactNode } from 'react';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  ErrorBox,
  Loading,
  Notice,
  Progress,
  StatusBadge,
  type Column,
} from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useUser } from '../session';
import { PUHUI } from './PuhuiShared';

interface WaitingRow {
  applicationId: string;
  receiptNo: string;
  enterpriseName: string;
  position: number;
  receivedAt: string;
}

export interface PoolState {
  programCode: string;
  programVersion: number;
  year: number;
  today: string;
  open: boolean;
  faceValue: string;
  slots: number;
  held: number;
  issued: number;
  slotsLeft: number;
  holding: number;
  waiting: number;
  refused: number;
  waitlist: WaitingRow[];
  mine: { id: string; status: string; receiptNo: string; position: number | null } | null;
}

interface PoolVoucher {
  id: string;
  voucherNo: string;
  faceValue: string;
  deducted: string;
  remaining: string;
  validYear: number;
  issuedOn: string;
  status: string;
  applicationId: string;
}

/**
 * The pool at a glance (slots, issued, waitlist with positions); a unit applies here and finds its
 * application and voucher.
 */
export function PuhuiPoolPage() {
  const { t, pick } = useI18n();
  const me = useUser();
  const pool = useAsync(
    () => api.get<PoolState & { name: { zh: string; en: string } }>(`/pools/${PUHUI}`),
    [],
  );
  const vouchers = useAsync(
    () => (me.role === 'enterprise' ? api.get<PoolVoucher[]>('/pool-vouchers') : Promise.resolve([])),
    [me.role],
  );
  const apply = useAction();
  if (!pool.data) return pool.error ? <ErrorBox error={pool.error} /> : <Loading />;
  const p = pool.data;
  const waitColumns: Column<WaitingRow>[] = [
    { head: t('phPosition'), cell: (w) => w.position },
    { head: t('phReceiptNo'), cell: (w) => w.receiptNo },
    {
      head: t('phEnterprise'),
      cell: (w) => <Link to={`/puhui/applications/${w.applicationId}`}>{w.enterpriseName}</Link>,
    },
    { head: t('phReceivedAt'), cell: (w) => formatDateTime(w.receivedAt) },
  ];
  const submit = () =>
    void apply
      .run(async () => {
        const created = await api.post<{ id: string }>(`/pools/${PUHUI}/applications`);
        navigate(`/puhui/applications/${created.id}`);
      })
      .then(() => pool.reload());
  return (
    <div className="stack">
      <h1>{pick(p.name)}</h1>
      <Card title={t('phPoolTitle', { year: p.year })} testId="ph-pool">
        <Progress value={p.held} max={p.slots} label={`${p.held} / ${p.slots}`} />
        <DefList
          items={[
            [
              t('phSlots'),
              <span key="s" data-testid="ph-slots">
                {p.slots}
              </span>,
            ],
            [
              t('phHeld'),
              <span key="h" data-testid="ph-held">
                {p.held}
              </span>,
            ],
            [
              t('phIssued'),
              <span key="i" data-testid="ph-issued">
                {p.issued}
              </span>,
            ],
            [
              t('phSlotsLeft'),
              <span key="l" data-testid="ph-left">
                {p.slotsLeft}
              </span>,
            ],
            [
              t('phWaiting'),
              <span key="w" data-testid="ph-waiting">
                {p.waiting}
              </span>,
            ],
            [t('phRefused'), p.refused],
            [t('phFaceValue'), <Amount key="f" value={p.faceValue} />],
          ]}
        />
      </Card>
      {me.role === 'enterprise' ? (
        <Card title={t('phMine')} testId="ph-mine">
          {p.mine ? (
            <DefList
              items={[
                [t('phReceiptNo'), p.mine.receiptNo],
                [t('status'), <StatusBadge key="s" status={p.mine.status} />],
                ...(p.mine.position
                  ? [
                      [
                        t('phPosition'),
                        <span key="p" data-testid="ph-my-position">
                          {p.mine.position}
                        </span>,
                      ] as [string, ReactNode],
                    ]
                  : []),
                [
                  t('open'),
                  <Link key="o" to={`/puhui/applications/${p.mine.id}`} testId="ph-my-application">
                    {t('phMine')}
                  </Link>,
                ],
              ]}
            />
          ) : (
            <div className="stack">
              <Notice>{t('phApplyHint')}</Notice>
              <ErrorBox error={apply.error} />
              <div className="row end">
                <button
                  type="button"
                  className="primary"
                  disabled={apply.busy || !p.open}
                  onClick={submit}
                  data-testid="ph-apply"
                >
                  {t('phApply')}
                </button>
              </div>
            </div>
          )}
        </Card>
      ) : null}
      {me.role === 'enterprise' && vouchers.data?.length ? (
        <Card title={t('phVoucher')}>
          <DataTable
            rows={vouchers.data}
            rowKey={(v) => v.id}
            rowTestId="ph-voucher-row"
            columns={[
              {
                head: t('phVoucherNo'),
                cell: (v) => <Link to={`/puhui/applications/${v.applicationId}`}>{v.voucherNo}</Link>,
              },
              { head: t('phValidYear'), cell: (v) => v.validYear },
              { head: t('issuedOn'), cell: (v) => formatDate(v.issuedOn) },
              { head: t('faceValue'), num: true, cell: (v) => <Amount value={v.faceValue} /> },
              { head: t('phDeducted'), num: true, cell: (v) => <Amount value={v.deducted} /> },
              { head: t('phRemaining'), num: true, cell: (v) => <Amount value={v.remaining} /> },
              { head: t('status'), cell: (v) => <StatusBadge status={v.status} /> },
            ]}
          />
        </Card>
      ) : null}
      {me.role !== 'enterprise' ? (
        <Card title={t('phWaitlist')} testId="ph-waitlist">
          <DataTable
            rows={p.waitlist}
            columns={waitColumns}
            rowKey={(w) => w.applicationId}
            rowTestId="ph-waiting-row"
          />
        </Card>
      ) : null}
    </div>
  );
}
