import { useState, type FormEvent } from 'react';
import { findProgram } from '@app/domain';
import { api, loadSession, toError } from '../api';
import {
  Amount,
  Card,
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
  type Column,
} from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { useUser } from '../session';
import { tierLabel, type EntryView } from './RoundShared';

interface SupplierOption {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

interface Line {
  supplierId: string;
  contractNumber: string;
  invoiceNumber: string;
  paidOn: string;
  amount: string;
}

const EMPTY_LINE: Line = { supplierId: '', contractNumber: '', invoiceNumber: '', paidOn: '', amount: '' };

/**
 * A unit applies for the 特惠算力券 with its prior-year compute spend, line by line with its evidence; a
 * supplier applies for the 算力补贴券 (its fees are computed). Both see their entries, rank and award.
 */
export function RoundApplyPage() {
  const { t, pick } = useI18n();
  const me = useUser();
  const [tick, setTick] = useState(0);
  const mine = useAsync(() => api.get<{ items: EntryView[] }>('/round-entries'), [tick]);
  const programCode = me.role === 'supplier' ? 'chengdu-supplier-subsidy' : 'chengdu-tehui';
  const columns: Column<EntryView>[] = [
    { head: t('rdProgram'), cell: (e) => pick(findProgram(e.programCode)?.name) || e.programCode },
    { head: t('year'), cell: (e) => e.year },
    {
      head: me.role === 'supplier' ? t('rdFees') : t('rdSpend'),
      num: true,
      cell: (e) => <Amount value={e.basis} />,
    },
    { head: t('rdReceipt'), num: true, cell: (e) => e.receiptSeq },
    { head: t('rdSubmittedAt'), cell: (e) => formatDateTime(e.submittedAt) },
    { head: t('rdRank'), num: true, cell: (e) => e.rank ?? '—' },
    ...(me.role === 'supplier'
      ? []
      : [{ head: t('rdBracket'), cell: (e: EntryView) => tierLabel(e.programCode, e.bracket) }]),
    { head: t('rdStanding'), cell: (e) => <StatusBadge status={e.standing} /> },
    { head: t('rdAward'), num: true, cell: (e) => (e.award ? <Amount value={e.award} /> : '—') },
    { head: t('rdPayment'), cell: (e) => <StatusBadge status={e.paymentStatus} /> },
  ];
  return (
    <div className="stack">
      <ApplyForm programCode={programCode} onDone={() => setTick((n) => n + 1)} />
      {(mine.data?.items ?? [])
        .filter((e) => ['submitted', 'in_review', 'waiting'].includes(e.standing))
        .map((e) => (
          <EntryMaterials key={e.id} entryId={e.id} />
        ))}
      <Card title={t('rdMine')} testId="my-entries">
        <ErrorBox error={mine.error} />
        {mine.data ? (
          <DataTable rows={mine.data.items} columns={columns} rowKey={byId} rowTestId="my-entry-row" />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

function ApplyForm({ programCode, onDone }: { programCode: string; onDone(): void }) {
  const { t, pick, lang } = useI18n();
  const bySpend = programCode === 'chengdu-tehui';
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [lines, setLines] = useState<Line[]>([{ ...EMPTY_LINE }]);
  const suppliers = useAsync(
    () => (bySpend ? api.get<SupplierOption[]>('/catalog/suppliers') : Promise.resolve([])),
    [bySpend],
  );
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<EntryView | null>(null);
  const server = fieldErrors(error);
  const set = (i: number, k: keyof Line, v: string) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const entry = await api.post<EntryView>('/round-entries', {
        programCode,
        year: Number(year),
        ...(bySpend ? { evidence: lines.map((l) => ({ ...l, amount: l.amount.trim() })) } : {}),
      });
      setDone(entry);
      onDone();
    });
  }
  const program = findProgram(programCode);
  return (
    <Card title={pick(program?.name) || programCode} testId="round-apply">
      <p className="hint">{bySpend ? t('rdApplyHintSpend') : t('rdApplyHintFees')}</p>
      {program?.materials.length ? (
        <p className="hint">
          {t('rdMaterials')}:{' '}
          {program.materials.map((m) => (lang === 'zh' ? m.name.zh : m.name.en)).join('、')}
        </p>
      ) : null}
      <form className="stack" onSubmit={submit}>
        <InputField label={t('year')} name="year" value={year} onValue={setYear} error={server.year} />
        {bySpend
          ? lines.map((l, i) => (
              <div className="row bottom" key={i} data-testid="evidence-line">
                <Field label={t('rdSupplier')} error={server[`evidence.${i}.supplierId`]}>
                  <Select
                    name={`supplierId-${i}`}
                    value={l.supplierId}
                    placeholder="—"
                    onValue={(v) => set(i, 'supplierId', v)}
                    options={(suppliers.data ?? []).map((s) => ({
                      value: s.id,
                      label: lang === 'zh' ? s.nameZh : s.nameEn,
                    }))}
                  />
                </Field>
                <InputField
                  label={t('rdContractNo')}
                  name={`contractNumber-${i}`}
                  value={l.contractNumber}
                  onValue={(v) => set(i, 'contractNumber', v)}
                  error={server[`evidence.${i}.contractNumber`]}
                />
                <InputField
                  label={t('rdInvoiceNo')}
                  name={`invoiceNumber-${i}`}
                  value={l.invoiceNumber}
                  onValue={(v) => set(i, 'invoiceNumber', v)}
                  error={server[`evidence.${i}.invoiceNumber`]}
                />
                <InputField
                  label={t('rdPaidOn')}
                  name={`paidOn-${i}`}
                  placeholder="YYYY-MM-DD"
                  value={l.paidOn}
                  onValue={(v) => set(i, 'paidOn', v)}
                  error={server[`evidence.${i}.paidOn`]}
                />
                <InputField
                  label={t('amount')}
                  name={`amount-${i}`}
                  inputMode="decimal"
                  value={l.amount}
                  onValue={(v) => set(i, 'amount', v)}
                  error={server[`evidence.${i}.amount`]}
                />
              </div>
            ))
          : null}
        <div className="row end">
          {bySpend ? (
            <button type="button" onClick={() => setLines((ls) => [...ls, { ...EMPTY_LINE }])}>
              {t('rdAddLine')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy} data-testid="submit-entry">
            {t('submit')}
          </button>
        </div>
      </form>
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
      {done ? (
        <Notice kind="ok">
          {t('rdSubmitted', { receipt: done.receiptSeq })} <Amount value={done.basis} />
        </Notice>
      ) : null}
    </Card>
  );
}

interface EntryDetail extends EntryView {
  requiredMaterials: {
    code: string;
    name: { zh: string; en: string };
    required: boolean;
    uploaded: boolean;
  }[];
  materials: { id: string; code: string; filename: string }[];
}

/** The entry's documents: each the program asks for, uploaded or missing, with an upload beside it. */
function EntryMaterials({ entryId }: { entryId: string }) {
  const { t, pick } = useI18n();
  const [tick, setTick] = useState(0);
  const entry = useAsync(() => api.get<EntryDetail>(`/round-entries/${entryId}`), [entryId, tick]);
  const { busy, error, run } = useAction();
  if (!entry.data) return entry.error ? <ErrorBox error={entry.error} /> : <Loading />;
  const upload = (code: string, file: File) =>
    void run(async () => {
      const form = new FormData();
      form.append('code', code);
      form.append('file', file);
      const session = loadSession();
      const res = await fetch(`/round-entries/${entryId}/materials`, {
        method: 'POST',
        body: form,
        headers: session ? { Authorization: `Bearer ${session.token}` } : {},
      });
      if (!res.ok) throw await toError(res);
      setTick((n) => n + 1);
    });
  return (
    <Card title={`${t('rdMaterials')} · ${t('rdReceipt')} ${entry.data.receiptSeq}`} testId="entry-materials">
      <DataTable
        rows={entry.data.requiredMaterials}
        rowKey={(m) => m.code}
        rowTestId="material-row"
        compact
        columns={[
          { head: t('rdMaterials'), cell: (m) => pick(m.name) },
          {
            head: t('status'),
            cell: (m) => (
              <span
                className={`badge ${m.uploaded ? 'ok' : 'warn'}`}
                data-status={m.uploaded ? 'uploaded' : 'missing'}
              >
                {m.uploaded ? t('rdUploaded') : t('rdMissing')}
              </span>
            ),
          },
          {
            head: t('actions'),
            cell: (m) => (
              <input
                type="file"
                name={`material-${m.code}`}
                accept="application/pdf,image/png,image/jpeg"
                disabled={busy}
                onChange={(e) => e.target.files?.[0] && upload(m.code, e.target.files[0])}
              />
            ),
          },
        ]}
      />
      <ErrorBox error={error} />
    </Card>
  );
}
