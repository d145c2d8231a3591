import { useState, type FormEvent } from 'react';
import { can } from '@app/domain';
import { api, loadSession, toError } from '../api';
import {
  Amount,
  Card,
  ConfirmButton,
  DataTable,
  ErrorBox,
  Field,
  InputField,
  Loading,
  Notice,
  Select,
  StatusBadge,
  byId,
  fieldErrors,
} from '../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { useUser } from '../session';

interface GrantView {
  id: string;
  dataCentreCode: string;
  dataCentreName: string;
  supplierName: string;
  approvedOn: string;
  approvalReference: string;
  documentFilename: string;
  amount: string;
  status: string;
  recordedByName: string;
  recordedAt: string;
  financeApprovedByName: string | null;
  paidAt: string | null;
  bankReference: string | null;
  created?: boolean;
}

/** Multipart with the bearer token: the approval document and the facts beside it. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  const session = loadSession();
  const res = await fetch(path, {
    method: 'POST',
    body: form,
    headers: session ? { Authorization: `Bearer ${session.token}` } : {},
  });
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/**
 * 绿色算力券 (免申即享): the admin records a newly approved national green data centre with its approval
 * document — one grant per data centre, recorded twice or not — and finance approves its payment.
 */
export function GrantsPage() {
  const { t } = useI18n();
  const me = useUser();
  const [tick, setTick] = useState(0);
  const grants = useAsync(() => api.get<{ items: GrantView[] }>('/grants'), [tick], {
    pollMs: 1500,
    poll: (d) => d.items.some((g) => g.status === 'approved'),
  });
  return (
    <div className="stack">
      {can(me.role, 'recordGrant') ? <RecordGrant onDone={() => setTick((n) => n + 1)} /> : null}
      <Card title={t('navGrants')} testId="grants">
        <ErrorBox error={grants.error} />
        {grants.data ? (
          <DataTable
            rows={grants.data.items}
            rowKey={byId}
            rowTestId="grant-row"
            columns={[
              { head: t('grDataCentre'), cell: (g) => `${g.dataCentreName} (${g.dataCentreCode})` },
              { head: t('rdSupplier'), cell: (g) => g.supplierName },
              {
                head: t('grApprovedOn'),
                cell: (g) => `${formatDate(g.approvedOn)} · ${g.approvalReference}`,
              },
              { head: t('amount'), num: true, cell: (g) => <Amount value={g.amount} /> },
              { head: t('grRecorded'), cell: (g) => `${g.recordedByName} ${formatDateTime(g.recordedAt)}` },
              { head: t('status'), cell: (g) => <StatusBadge status={g.status} /> },
              {
                head: t('actions'),
                cell: (g) =>
                  can(me.role, 'approveGrant') && g.status === 'awaiting_finance' ? (
                    <ConfirmButton
                      label={t('grApprove')}
                      testId="approve-grant"
                      message={t('grApproveConfirm', {
                        name: g.dataCentreName,
                        amount: formatMoney(g.amount),
                      })}
                      action={async () => {
                        await api.post(`/grants/${g.id}/approve`);
                        setTick((n) => n + 1);
                      }}
                    />
                  ) : g.bankReference ? (
                    <span className="hint">{g.bankReference}</span>
                  ) : null,
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

function RecordGrant({ onDone }: { onDone(): void }) {
  const { t, lang } = useI18n();
  const suppliers = useAsync(
    () => api.get<{ id: string; code: string; nameZh: string; nameEn: string }[]>('/catalog/suppliers'),
    [],
  );
  const [supplierId, setSupplierId] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [reference, setReference] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<GrantView | null>(null);
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    void run(async () => {
      const form = new FormData();
      form.append('supplierId', supplierId);
      form.append('dataCentreCode', code);
      form.append('dataCentreName', name);
      form.append('approvedOn', approvedOn);
      form.append('approvalReference', reference);
      if (file) form.append('file', file);
      setResult(await postForm<GrantView>('/grants', form));
      onDone();
    });
  }
  return (
    <Card title={t('grRecord')} testId="record-grant">
      <p className="hint">{t('grHint')}</p>
      <form className="stack" onSubmit={submit}>
        <Field label={t('rdSupplier')} error={server.supplierId}>
          <Select
            name="supplierId"
            value={supplierId}
            placeholder="—"
            onValue={setSupplierId}
            options={(suppliers.data ?? []).map((s) => ({
              value: s.id,
              label: lang === 'zh' ? s.nameZh : s.nameEn,
            }))}
          />
        </Field>
        <InputField
          label={t('grDataCentreCode')}
          name="dataCentreCode"
          value={code}
          onValue={setCode}
          error={server.dataCentreCode}
        />
        <InputField
          label={t('grDataCentre')}
          name="dataCentreName"
          value={name}
          onValue={setName}
          error={server.dataCentreName}
        />
        <InputField
          label={t('grApprovedOn')}
          name="approvedOn"
          placeholder="YYYY-MM-DD"
          value={approvedOn}
          onValue={setApprovedOn}
          error={server.approvedOn}
        />
        <InputField
          label={t('grReference')}
          name="approvalReference"
          value={reference}
          onValue={setReference}
          error={server.approvalReference}
        />
        <Field label={t('grDocument')} error={server.file}>
          <input
            type="file"
            name="file"
            accept="application/pdf,image/png,image/jpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
        <div className="row end">
          <button type="submit" className="primary" disabled={busy} data-testid="submit-grant">
            {t('submit')}
          </button>
        </div>
      </form>
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
      {result ? <Notice kind="ok">{result.created ? t('grCreated') : t('grAlready')}</Notice> : null}
    </Card>
  );
}
