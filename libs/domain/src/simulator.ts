import { isBusinessDate, yearOf, type BusinessDate } from './calendar';
import { eligibleContractAmount, computeFaceValue, type ContractLine } from './amounts';
import { DomainInputError } from './errors';
import { evaluateEligibility, type RuleResult } from './eligibility';
import { Money } from './money';
import {
  APPLICATION_DOMAINS,
  INDUSTRIES,
  type ApplicationDomain,
  type Industry,
  type LocalizedText,
  type ProgramDefinition,
} from './program';

/**
 * Policy simulator (docs/adr/0028-program-editor-and-simulator.md): a draft program version run over a
 * table of sample contracts, every row through the same eligibility rules and amount computation an
 * application goes through, with totals against the budget pool. Pure: parsing of the table's cells,
 * the run and the totals; the API only reads the file.
 */

/** Column names (English, or the Chinese beside them) → the field they fill. */
export const SIMULATION_COLUMNS: Record<
  string,
  { aliases: string[]; label: LocalizedText; required: boolean }
> = {
  contractNumber: { aliases: ['合同编号'], label: { zh: '合同编号', en: 'Contract number' }, required: true },
  enterprise: { aliases: ['企业', '企业名称'], label: { zh: '企业', en: 'Enterprise' }, required: true },
  signedOn: { aliases: ['签订日期'], label: { zh: '签订日期', en: 'Signed on' }, required: true },
  startDate: { aliases: ['开始日期'], label: { zh: '开始日期', en: 'Start date' }, required: true },
  endDate: { aliases: ['结束日期'], label: { zh: '结束日期', en: 'End date' }, required: true },
  computeAmount: {
    aliases: ['智能算力金额'],
    label: { zh: '智能算力金额', en: 'Intelligent compute amount' },
    required: true,
  },
  otherAmount: {
    aliases: ['其他服务金额'],
    label: { zh: '其他服务金额', en: 'Other services' },
    required: false,
  },
  supplierCode: { aliases: ['供给方'], label: { zh: '供给方', en: 'Supplier code' }, required: false },
  registrationRegion: { aliases: ['注册地'], label: { zh: '注册地', en: 'Region' }, required: false },
  industry: { aliases: ['行业'], label: { zh: '行业', en: 'Industry' }, required: false },
  applicationDomain: { aliases: ['应用领域'], label: { zh: '应用领域', en: 'Domain' }, required: false },
  independentLegalPerson: {
    aliases: ['独立法人'],
    label: { zh: '独立法人', en: 'Legal person' },
    required: false,
  },
  aiDirectionAligned: {
    aliases: ['符合方向'],
    label: { zh: '符合方向', en: 'AI direction' },
    required: false,
  },
  soundFinancialManagement: {
    aliases: ['财务健全'],
    label: { zh: '财务健全', en: 'Sound finances' },
    required: false,
  },
  lastDishonestyRecordDate: {
    aliases: ['失信记录日期'],
    label: { zh: '失信记录日期', en: 'Dishonesty record' },
    required: false,
  },
  otherMunicipalSubsidy: {
    aliases: ['其他市级补贴'],
    label: { zh: '其他市级补贴', en: 'Other subsidy' },
    required: false,
  },
  relatedParty: { aliases: ['关联方'], label: { zh: '关联方', en: 'Related party' }, required: false },
};

export interface SimulationRow {
  rowNo: number;
  contractNumber: string;
  enterprise: string;
  signedOn: BusinessDate;
  startDate: BusinessDate;
  endDate: BusinessDate;
  computeAmount: Money;
  otherAmount: Money;
  supplierCode: string | null;
  registrationRegion: string | null;
  industry: Industry;
  applicationDomain: ApplicationDomain;
  independentLegalPerson: boolean;
  aiDirectionAligned: boolean;
  soundFinancialManagement: boolean;
  lastDishonestyRecordDate: BusinessDate | null;
  otherMunicipalSubsidy: boolean;
  relatedParty: boolean;
}

export interface RowFieldError {
  field: string;
  message: string;
  /** The problem in each language (the column is named by its label on a screen). */
  localized: LocalizedText;
}

const problem = (field: string, en: string, zh: string): RowFieldError => ({
  field,
  message: en,
  localized: { zh, en },
});

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes; a BOM and blank lines dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);

/** Maps a header row to field names; unknown columns are reported. */
export function mapHeader(header: readonly string[]): { fields: (string | null)[]; errors: RowFieldError[] } {
  const errors: RowFieldError[] = [];
  const fields = header.map((h) => {
    const name = h.trim();
    const found = Object.entries(SIMULATION_COLUMNS).find(
      ([key, c]) => key.toLowerCase() === name.toLowerCase() || c.aliases.includes(name),
    );
    if (!found && name) errors.push(problem(name, 'unknown column', '无法识别的列'));
    return found ? found[0] : null;
  });
  for (const [key, c] of Object.entries(SIMULATION_COLUMNS))
    if (c.required && !fields.includes(key)) errors.push(problem(key, 'column missing', '缺少该列'));
  return { fields, errors };
}

/** One row's cells (by field name) → a typed row, or every problem named. Missing facts default to "meets". */
export function parseSimulationRow(
  rowNo: number,
  cells: Record<string, string>,
): { ok: true; row: SimulationRow } | { ok: false; rowNo: number; errors: RowFieldError[] } {
  const errors: RowFieldError[] = [];
  const get = (k: string) => (cells[k] ?? '').trim();
  const text = (k: string) => {
    const v = get(k);
    if (!v) errors.push(problem(k, 'required', '必填'));
    return v;
  };
  const date = (k: string, optional = false): BusinessDate | null => {
    const v = get(k);
    if (!v && optional) return null;
    if (!isBusinessDate(v)) {
      errors.push(problem(k, 'must be a date YYYY-MM-DD', '须为日期（年-月-日）'));
      return null;
    }
    return v;
  };
  const money = (k: string, optional = false): Money => {
    const v = get(k).replace(/,/g, '');
    if (!v && optional) return Money.zero();
    const m = Money.tryParse(v);
    if (!m || m.isNegative()) {
      errors.push(problem(k, 'must be an amount such as 10000.00', '须为金额（如 10000.00）'));
      return Money.zero();
    }
    return m;
  };
  const flag = (k: string, dflt: boolean) => {
    const v = get(k).toLowerCase();
    if (!v) return dflt;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    errors.push(problem(k, 'must be yes or no', '须为是或否'));
    return dflt;
  };
  const oneOf = <T extends string>(k: string, list: readonly T[], dflt: T): T => {
    const v = get(k);
    if (!v) return dflt;
    if ((list as readonly string[]).includes(v)) return v as T;
    errors.push(problem(k, `must be one of ${list.join(', ')}`, '不是可选的值'));
    return dflt;
  };
  const row: SimulationRow = {
    rowNo,
    contractNumber: text('contractNumber'),
    enterprise: text('enterprise'),
    signedOn: date('signedOn') ?? '',
    startDate: date('startDate') ?? '',
    endDate: date('endDate') ?? '',
    computeAmount: money('computeAmount'),
    otherAmount: money('otherAmount', true),
    supplierCode: get('supplierCode') || null,
    registrationRegion: get('registrationRegion') || null,
    industry: oneOf('industry', INDUSTRIES, 'software_information_services'),
    applicationDomain: oneOf('applicationDomain', APPLICATION_DOMAINS, 'industry'),
    independentLegalPerson: flag('independentLegalPerson', true),
    aiDirectionAligned: flag('aiDirectionAligned', true),
    soundFinancialManagement: flag('soundFinancialManagement', true),
    lastDishonestyRecordDate: date('lastDishonestyRecordDate', true),
    otherMunicipalSubsidy: flag('otherMunicipalSubsidy', false),
    relatedParty: flag('relatedParty', false),
  };
  return errors.length ? { ok: false, rowNo, errors } : { ok: true, row };
}

/** A header row and data rows (as read from a CSV or a worksheet) → typed rows and per-row errors. */
export function readSimulationTable(table: readonly (readonly string[])[]) {
  if (!table.length)
    return { rows: [], rowErrors: [], headerErrors: [problem('file', 'the file is empty', '文件为空')] };
  const { fields, errors: headerErrors } = mapHeader(table[0]);
  const rows: SimulationRow[] = [];
  const rowErrors: { rowNo: number; errors: RowFieldError[] }[] = [];
  table.slice(1).forEach((cells, i) => {
    const byField: Record<string, string> = {};
    fields.forEach((f, j) => {
      if (f) byField[f] = cells[j] ?? '';
    });
    const parsed = parseSimulationRow(i + 1, byField);
    if (parsed.ok) rows.push(parsed.row);
    else rowErrors.push({ rowNo: parsed.rowNo, errors: parsed.errors });
  });
  return { rows, rowErrors, headerErrors };
}

export interface SimulatedRow {
  rowNo: number;
  contractNumber: string;
  enterprise: string;
  eligible: boolean;
  checks: RuleResult[];
  /** The first failing check's code, or the amount refusal's, or null. */
  refusalCode: string | null;
  eligibleAmount: string;
  uncappedFaceValue: string;
  faceValue: string;
  limitedByYearlyCap: boolean;
  limitedByApplicationCap: boolean;
  limitedByCumulativeCap: boolean;
  /** Face value the pool still covers in row order (less than faceValue for the row that crosses it). */
  fundedByPool: string;
}

export interface SimulationTotals {
  rows: number;
  eligible: number;
  refused: number;
  totalFaceValue: string;
  budget: string | null;
  budgetBasis: 'per-year' | 'total' | null;
  /** budget − total; negative when the rows would overrun the pool. */
  budgetLeft: string | null;
  fundedByPool: string;
  rowsOverBudget: number;
  byRefusal: Record<string, number>;
}

/**
 * Runs every row under `program` in file order, as if each were applied for on its signing date: the
 * eligibility checks, the eligible amount and the face value within the per-enterprise caps (the yearly
 * cap accumulating by enterprise and signing year, the cumulative cap by enterprise), then the pool.
 */
export function simulateProgram(
  program: ProgramDefinition,
  rows: readonly SimulationRow[],
): { rows: SimulatedRow[]; totals: SimulationTotals } {
  const issuedByYear = new Map<string, Money>();
  const issuedCumulative = new Map<string, Money>();
  const seenContracts = new Set<string>();
  const budgetText = program.budgetPoolPerYear ?? program.budgetPoolTotal;
  const budget = budgetText === null ? null : Money.parse(budgetText);
  let poolLeft = budget;
  const out: SimulatedRow[] = [];
  const byRefusal: Record<string, number> = {};
  for (const r of rows) {
    const lines: ContractLine[] = [{ serviceKind: 'intelligent_compute', amount: r.computeAmount }];
    if (r.otherAmount.isPositive()) lines.push({ serviceKind: 'other', amount: r.otherAmount });
    const contractKey = `${r.supplierCode ?? ''}|${r.contractNumber}`;
    const outcome = evaluateEligibility(program, {
      enterprise: {
        registrationRegion: r.registrationRegion ?? program.region,
        independentLegalPerson: r.independentLegalPerson,
        industry: r.industry,
        aiDirectionAligned: r.aiDirectionAligned,
        soundFinancialManagement: r.soundFinancialManagement,
        lastDishonestyRecordDate: r.lastDishonestyRecordDate,
        receivesOtherMunicipalComputeSubsidy: r.otherMunicipalSubsidy,
      },
      supplier: {
        supplierCode: r.supplierCode ?? '',
        isPartner: r.supplierCode !== null && program.partnerSupplierCodes.includes(r.supplierCode),
        relatedParty: r.relatedParty,
        offeredServiceKinds: ['intelligent_compute'],
      },
      contract: {
        signedOn: r.signedOn,
        startDate: r.startDate,
        endDate: r.endDate,
        lines,
        applicationDomain: r.applicationDomain,
        alreadyApplied: program.oneApplicationPerContract && seenContracts.has(contractKey),
      },
      asOf: r.signedOn,
    });
    seenContracts.add(contractKey);
    const base: SimulatedRow = {
      rowNo: r.rowNo,
      contractNumber: r.contractNumber,
      enterprise: r.enterprise,
      eligible: false,
      checks: outcome.results,
      refusalCode: outcome.failures[0]?.code ?? null,
      eligibleAmount: '0.00',
      uncappedFaceValue: '0.00',
      faceValue: '0.00',
      limitedByYearlyCap: false,
      limitedByApplicationCap: false,
      limitedByCumulativeCap: false,
      fundedByPool: '0.00',
    };
    if (outcome.eligible) {
      const amount = eligibleContractAmount(program, { startDate: r.startDate, endDate: r.endDate, lines });
      base.eligibleAmount = amount.eligibleAmount.toString();
      const yearKey = `${r.enterprise}|${yearOf(r.signedOn)}`;
      let face;
      try {
        face = computeFaceValue(program, {
          eligibleAmount: amount.eligibleAmount,
          issuedThisYear: issuedByYear.get(yearKey) ?? Money.zero(),
          issuedCumulative: issuedCumulative.get(r.enterprise) ?? Money.zero(),
        });
      } catch (e) {
        if (e instanceof DomainInputError) base.refusalCode = e.code;
        else throw e;
      }
      if (face && face.ok) {
        base.eligible = true;
        base.refusalCode = null;
        base.faceValue = face.faceValue.toString();
        base.uncappedFaceValue = face.uncappedFaceValue.toString();
        base.limitedByYearlyCap = face.limitedByYearlyCap;
        base.limitedByApplicationCap = face.limitedByApplicationCap;
        base.limitedByCumulativeCap = face.limitedByCumulativeCap;
        issuedByYear.set(yearKey, (issuedByYear.get(yearKey) ?? Money.zero()).plus(face.faceValue));
        issuedCumulative.set(
          r.enterprise,
          (issuedCumulative.get(r.enterprise) ?? Money.zero()).plus(face.faceValue),
        );
        const funded = poolLeft === null ? face.faceValue : Money.min(face.faceValue, poolLeft);
        if (poolLeft !== null) poolLeft = poolLeft.minus(funded);
        base.fundedByPool = funded.toString();
      } else if (face) {
        base.refusalCode = face.code;
      }
    }
    if (base.refusalCode) byRefusal[base.refusalCode] = (byRefusal[base.refusalCode] ?? 0) + 1;
    out.push(base);
  }
  const total = Money.sum(out.map((r) => Money.parse(r.faceValue)));
  const funded = Money.sum(out.map((r) => Money.parse(r.fundedByPool)));
  return {
    rows: out,
    totals: {
      rows: out.length,
      eligible: out.filter((r) => r.eligible).length,
      refused: out.filter((r) => !r.eligible).length,
      totalFaceValue: total.toString(),
      budget: budget?.toString() ?? null,
      budgetBasis:
        program.budgetPoolPerYear !== null ? 'per-year' : program.budgetPoolTotal !== null ? 'total' : null,
      budgetLeft: budget ? budget.minus(total).toString() : null,
      fundedByPool: funded.toString(),
      rowsOverBudget: out.filter(
        (r) => r.eligible && Money.parse(r.fundedByPool).lt(Money.parse(r.faceValue)),
      ).length,
      byRefusal,
    },
  };
}
