import { useEffect, useState, type ReactNode } from 'react';
import {
  RULE_LABELS,
  SIMULATION_COLUMNS,
  isReasonCode,
  describeReason,
  type RowFieldError,
  type RuleId,
} from '@app/domain';
import { api } from '../api';
import { Amount, Card, DataTable, ErrorBox, Field, Notice } from '../components/ui';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { useLocation } from '../router';

/**
 * The policy simulator (ADR 0028): a draft (from the editor) or a saved version run over a CSV or XLSX of
 * sample contracts — per row every check and the amount, with totals against the budget pool.
 */

interface Check {
  rule: RuleId;
  passed: boolean;
  code: string;
  message: { zh: string; en: string };
}

interface SimRow {
  rowNo: number;
  contractNumber: string;
  enterprise: string;
  eligible: boolean;
  checks: Check[];
  refusalCode: string | null;
  eligibleAmount: string;
  faceValue: string;
  fundedByPool: string;
  limitedByYearlyCap: boolean;
  limitedByCumulativeCap: boolean;
}

interface SimResult {
  program: { code: string; name: { zh: string; en: string }; rate: string };
  rows: SimRow[];
  rowErrors: { rowNo: number; errors: RowFieldError[] }[];
  totals: {
    rows: number;
    eligible: number;
    refused: number;
    totalFaceValue: string;
    budget: string | null;
    budgetLeft: string | null;
    fundedByPool: string;
    rowsOverBudget: number;
    byRefusal: Record<string, number>;
  };
}

interface Draft {
  code: string;
  from: number;
  definition: Record<string, unknown>;
}

const L = {
  title: { zh: '政策试算', en: 'Policy simulator' },
  source: { zh: '试算口径', en: 'Run under' },
  draft: { zh: '编辑器中的草稿（{code}，基于第 {v} 版）', en: 'The editor draft ({code}, from version {v})' },
  saved: { zh: '已发布版本', en: 'A saved version' },
  program: { zh: '项目', en: 'Program' },
  version: { zh: '版本', en: 'Version' },
  file: { zh: '样本合同（CSV 或 XLSX）', en: 'Sample contracts (CSV or XLSX)' },
  fileHint: {
    zh: '列：contractNumber, enterprise, supplierCode, signedOn, startDate, endDate, computeAmount…',
    en: 'Columns: contractNumber, enterprise, supplierCode, signedOn, startDate, endDate, computeAmount…',
  },
  run: { zh: '开始试算', en: 'Run' },
  running: { zh: '试算中…', en: 'Running…' },
  totals: { zh: '合计', en: 'Totals' },
  rows: { zh: '样本数', en: 'Rows' },
  eligible: { zh: '符合', en: 'Eligible' },
  refused: { zh: '不符合', en: 'Refused' },
  totalFace: { zh: '券面合计', en: 'Total face value' },
  budget: { zh: '资金池', en: 'Budget pool' },
  budgetLeft: { zh: '资金池余额', en: 'Left in the pool' },
  funded: { zh: '资金池可覆盖', en: 'Covered by the pool' },
  overBudget: { zh: '超出资金池的样本', en: 'Rows beyond the pool' },
  noPool: { zh: '未设资金池', en: 'No pool' },
  results: { zh: '逐行结果', en: 'Per row' },
  contract: { zh: '合同', en: 'Contract' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  outcome: { zh: '结论', en: 'Outcome' },
  checks: { zh: '逐项检查', en: 'Checks' },
  eligibleAmount: { zh: '核定金额', en: 'Eligible amount' },
  face: { zh: '券面金额', en: 'Face value' },
  ok: { zh: '符合', en: 'Eligible' },
  rowErrors: { zh: '无法读取的行', en: 'Rows that could not be read' },
  row: { zh: '第 {n} 行', en: 'Row {n}' },
  cap: { zh: '受年度上限限制', en: 'limited by the yearly cap' },
} as const;

function tr(lang: 'zh' | 'en', key: keyof typeof L, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), L[key][lang] as string);
}

function loadDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem('cv.simulatorDraft');
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function SimulatorPage() {
  const { lang } = useI18n();
  const { search } = useLocation();
  const [draft] = useState(loadDraft);
  const [useDraft, setUseDraft] = useState(Boolean(draft && search.get('draft')));
  const programs = useAsync(
    () => api.get<{ code: string; nameZh: string; nameEn: string }[]>('/admin/programs'),
    [],
  );
  const [code, setCode] = useState('');
  useEffect(() => {
    if (!code && programs.data?.length) setCode(draft?.code ?? programs.data[0].code);
  }, [programs.data, code, draft]);
  const versions = useAsync(
    () =>
      code
        ? api.get<{ version: number; effectiveFrom: string }[]>(
            `/admin/programs/${encodeURIComponent(code)}/versions`,
          )
        : Promise.resolve([]),
    [code],
  );
  const [version, setVersion] = useState<number | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [result, setResult] = useState<SimResult | null>(null);

  const run = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    if (useDraft && draft) form.append('definition', JSON.stringify(draft.definition));
    else {
      form.append('programCode', code);
      if (version !== '') form.append('version', String(version));
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await api.uploadForm<SimResult>('/admin/simulator', form));
    } catch (e) {
      setResult(null);
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const reason = (code: string | null) =>
    code === null ? '' : isReasonCode(code) ? describeReason(code)[lang] : code;

  return (
    <div className="stack" data-testid="simulator">
      <h1>{tr(lang, 'title')}</h1>
      <Card>
        <div className="form-grid">
          <Field label={tr(lang, 'source')} group>
            {draft ? (
              <label className="check">
                <input
                  type="radio"
                  name="source"
                  checked={useDraft}
                  data-testid="sim-use-draft"
                  onChange={() => setUseDraft(true)}
                />
                {tr(lang, 'draft', { code: draft.code, v: draft.from })}
              </label>
            ) : null}
            <label className="check">
              <input type="radio" name="source" checked={!useDraft} onChange={() => setUseDraft(false)} />
              {tr(lang, 'saved')}
            </label>
          </Field>
          {!useDraft ? (
            <>
              <Field label={tr(lang, 'program')}>
                <select value={code} data-testid="sim-program" onChange={(e) => setCode(e.target.value)}>
                  {(programs.data ?? []).map((p) => (
                    <option key={p.code} value={p.code}>
                      {lang === 'zh' ? p.nameZh : p.nameEn}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={tr(lang, 'version')}>
                <select
                  value={version}
                  data-testid="sim-version"
                  onChange={(e) => setVersion(e.target.value === '' ? '' : Number(e.target.value))}
                >
                  <option value="">—</option>
                  {(versions.data ?? []).map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version} · {v.effectiveFrom}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          ) : null}
          <Field label={tr(lang, 'file')} hint={tr(lang, 'fileHint')} wide>
            <input
              type="file"
              name="file"
              data-testid="sim-file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
        </div>
        <div className="row end">
          <button
            type="button"
            className="primary"
            data-testid="sim-run"
            disabled={!file || busy}
            onClick={() => void run()}
          >
            {busy ? tr(lang, 'running') : tr(lang, 'run')}
          </button>
        </div>
      </Card>
      <ErrorBox error={error} />
      {result ? (
        <>
          <Card title={tr(lang, 'totals')} testId="sim-totals">
            <div className="kpis">
              <Kpi label={tr(lang, 'rows')} value={String(result.totals.rows)} testId="sim-total-rows" />
              <Kpi
                label={tr(lang, 'eligible')}
                value={String(result.totals.eligible)}
                testId="sim-total-eligible"
              />
              <Kpi
                label={tr(lang, 'refused')}
                value={String(result.totals.refused)}
                testId="sim-total-refused"
              />
              <Kpi
                label={tr(lang, 'totalFace')}
                value={<Amount value={result.totals.totalFaceValue} testId="sim-total-face" />}
              />
              <Kpi
                label={tr(lang, 'budget')}
                value={
                  result.totals.budget === null ? (
                    tr(lang, 'noPool')
                  ) : (
                    <Amount value={result.totals.budget} testId="sim-budget" />
                  )
                }
              />
              {result.totals.budgetLeft !== null ? (
                <Kpi
                  label={tr(lang, 'budgetLeft')}
                  value={<Amount value={result.totals.budgetLeft} testId="sim-budget-left" />}
                />
              ) : null}
              {result.totals.budget !== null ? (
                <Kpi
                  label={tr(lang, 'overBudget')}
                  value={String(result.totals.rowsOverBudget)}
                  testId="sim-over-budget"
                />
              ) : null}
            </div>
            {Object.entries(result.totals.byRefusal).map(([c, n]) => (
              <p key={c} className="muted" data-testid="sim-refusal">
                {reason(c)} × {n}
              </p>
            ))}
          </Card>
          {result.rowErrors.length ? (
            <Notice kind="warn">
              <strong>{tr(lang, 'rowErrors')}</strong>
              {result.rowErrors.map((r) => (
                <div key={r.rowNo} data-testid="sim-row-error">
                  {tr(lang, 'row', { n: r.rowNo })}:{' '}
                  {r.errors
                    .map((e) => `${SIMULATION_COLUMNS[e.field]?.label[lang] ?? e.field} ${e.localized[lang]}`)
                    .join(lang === 'zh' ? '；' : '; ')}
                </div>
              ))}
            </Notice>
          ) : null}
          <Card title={tr(lang, 'results')}>
            <DataTable
              compact
              rows={result.rows}
              rowKey={(r) => String(r.rowNo)}
              rowTestId="sim-row"
              columns={[
                { head: '#', cell: (r) => r.rowNo },
                { head: tr(lang, 'contract'), cell: (r) => r.contractNumber },
                { head: tr(lang, 'enterprise'), cell: (r) => r.enterprise },
                {
                  head: tr(lang, 'outcome'),
                  cell: (r) => (
                    <span
                      className={`badge ${r.eligible ? 'ok' : 'bad'}`}
                      data-outcome={r.refusalCode ?? 'OK'}
                    >
                      {r.eligible
                        ? tr(lang, 'ok') + (r.limitedByYearlyCap ? ` · ${tr(lang, 'cap')}` : '')
                        : reason(r.refusalCode)}
                    </span>
                  ),
                },
                {
                  head: tr(lang, 'checks'),
                  cell: (r) => (
                    <details>
                      <summary data-testid="sim-checks-summary">
                        ✓ {r.checks.filter((c) => c.passed).length} · ✗{' '}
                        {r.checks.filter((c) => !c.passed).length}
                      </summary>
                      <ul className="plain">
                        {r.checks.map((c) => (
                          <li key={c.rule} data-testid="sim-check" data-passed={c.passed ? 'yes' : 'no'}>
                            {c.passed ? '✓' : '✗'} {RULE_LABELS[c.rule]?.[lang] ?? c.rule}
                            {c.passed ? '' : ` — ${c.message[lang]}`}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ),
                },
                {
                  head: tr(lang, 'eligibleAmount'),
                  num: true,
                  cell: (r) => <Amount value={r.eligibleAmount} />,
                },
                { head: tr(lang, 'face'), num: true, cell: (r) => <Amount value={r.faceValue} /> },
                ...(result.totals.budget !== null
                  ? [
                      {
                        head: tr(lang, 'funded'),
                        num: true,
                        cell: (r: SimRow) => <Amount value={r.fundedByPool} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}

function Kpi({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="muted">{label}</span>
      <span className="amount">{value}</span>
    </div>
  );
}
