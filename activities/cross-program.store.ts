import type { EntityManager } from 'typeorm';
import {
  Money,
  MoneyDecimal,
  computeFaceValue,
  eligibleContractAmount,
  isEligibleServiceKind,
  daysInclusive,
  notCombinableWith,
  overlapDays,
  resolveApplication,
  spendingKey,
  undeclaredSupport,
  type DeclaredSupport,
  type ExistingFunding,
  type FaceValueResult,
  type ProgramDefinition,
  type ReasonCode,
  type ServiceKind,
  type SpendingClaim,
  type SpendingDecision,
  type StackingRule,
} from '@app/domain';
import { rowsOf } from '@app/persistence';

/*
 * The face value of one application across programs (ADR 0023), read by the eligibility quote (no locks)
 * and by issuance (locks: the ledgers' rows, the pool's row and one advisory lock per spending, always in
 * the same order). One query reads every program's active funding of the application's spending.
 */

export interface ApplicationFacts {
  applicationId: string;
  enterpriseId: string;
  contractId: string;
  programVersion: number;
  applicantCategories: string[];
  projectFacts: Record<string, string>;
  declared: DeclaredSupport[];
}

interface LineRow {
  id: string;
  line_no: number | null;
  service_kind: string;
  amount: string;
  domestic: boolean | null;
  invoice_number: string | null;
}

export interface ResolvedLine {
  key: string;
  supportLine: string;
  base: Money;
  amount: Money;
}

export type CrossProgramFace =
  | { ok: false; code: ReasonCode; detail: Record<string, unknown> }
  | {
      ok: true;
      face: Extract<FaceValueResult, { ok: true }>;
      faceValue: Money;
      limitedByPool: boolean;
      poolPeriod: string | null;
      decisions: SpendingDecision[];
      lines: ResolvedLine[];
      supersededVouchers: string[];
      ledgerCode: string;
      ledgerYear: number;
      detail: Record<string, unknown>;
    };

export const ledgerCodeOf = (program: ProgramDefinition) => program.yearlyCapSharedWith ?? program.code;

/** The highest yearly cap any applicant can have: the ledger row's CHECK backstop. */
export function ledgerCeiling(program: ProgramDefinition): string | null {
  const caps = [program.perEnterpriseYearlyCap, ...program.yearlyCapOverrides.map((o) => o.yearlyCap)]
    .filter((c): c is string => c !== null)
    .map((c) => Money.parse(c));
  if (!caps.length) return null;
  return caps.reduce((a, b) => (a.gt(b) ? a : b)).toString();
}

export async function applicationFacts(tx: EntityManager, applicationId: string): Promise<ApplicationFacts> {
  const [a] = rowsOf<{
    enterprise_id: string;
    contract_id: string;
    program_version: number;
    applicant_categories: string[];
    project_facts: Record<string, string>;
    declared_other_support: {
      programCode: string | null;
      programName: string;
      amount: string;
      status: string;
    }[];
  }>(
    await tx.query(
      `SELECT enterprise_id, contract_id, program_version, applicant_categories, project_facts, declared_other_support
         FROM applications WHERE id = $1`,
      [applicationId],
    ),
  );
  return {
    applicationId,
    enterpriseId: a.enterprise_id,
    contractId: a.contract_id,
    programVersion: a.program_version,
    applicantCategories: a.applicant_categories,
    projectFacts: a.project_facts,
    declared: a.declared_other_support.map((d) => ({
      programCode: d.programCode,
      programName: d.programName,
      amount: Money.parse(d.amount),
      status: d.status as DeclaredSupport['status'],
    })),
  };
}

/** The program's own checks beyond the contract rules: categories, project facts, invoices. */
export function programFactRefusal(
  program: ProgramDefinition,
  facts: ApplicationFacts,
  lines: { serviceKind: string; invoiceNumber: string | null; eligible: boolean }[],
): { code: ReasonCode; detail: Record<string, unknown> } | null {
  const missing = program.requiredApplicantCategories.filter((c) => !facts.applicantCategories.includes(c));
  if (missing.length) return { code: 'APPLICANT_CATEGORY_MISSING', detail: { missing } };
  for (const m of program.projectFactMinimums) {
    const v = facts.projectFacts[m.fact];
    if (v === undefined || new MoneyDecimal(v).lt(m.min))
      return {
        code: 'PROJECT_FACT_BELOW_MINIMUM',
        detail: { fact: m.fact, min: m.min, declared: v ?? null },
      };
  }
  if (program.spendingEvidence === 'invoice' && lines.some((l) => l.eligible && !l.invoiceNumber))
    return { code: 'INVOICE_EVIDENCE_MISSING', detail: {} };
  return null;
}

/**
 * Computes what the application's program funds: the rate per line, the caps (a line of support's, the
 * application's, the yearly and cumulative room), the cross-program resolution per spending, then the
 * program's budget pool when it is taken at issuance. With `lock`, every row it reads is locked.
 */
export async function crossProgramFace(
  tx: EntityManager,
  input: {
    program: ProgramDefinition;
    programVersionOf: (code: string, version: number) => Promise<ProgramDefinition>;
    facts: ApplicationFacts;
    year: number;
    lock: boolean;
  },
): Promise<CrossProgramFace> {
  const { program, facts, year, lock } = input;
  const [contract] = rowsOf<{
    start_date: string;
    end_date: string;
    contract_number: string;
    supplier_code: string;
  }>(
    await tx.query(
      `SELECT c.start_date::text, c.end_date::text, c.contract_number, s.code AS supplier_code
         FROM contracts c JOIN suppliers s ON s.id = c.supplier_id WHERE c.id = $1`,
      [facts.contractId],
    ),
  );
  const lineRows = rowsOf<LineRow>(
    await tx.query(
      `SELECT id, line_no, service_kind, amount::text, domestic, invoice_number FROM contract_lines
        WHERE contract_id = $1 ORDER BY line_no NULLS LAST, id`,
      [facts.contractId],
    ),
  );
  const totalDays = daysInclusive(contract.start_date, contract.end_date);
  const inPlan =
    totalDays === 0
      ? 0
      : overlapDays(contract.start_date, contract.end_date, program.planStart, program.planEnd);
  const lines = lineRows.map((l, i) => ({
    serviceKind: l.service_kind as ServiceKind,
    domestic: l.domestic,
    amount: totalDays === 0 ? Money.zero() : Money.parse(l.amount).prorate(inPlan, totalDays),
    key: spendingKey({
      supplierCode: contract.supplier_code,
      contractNumber: contract.contract_number,
      lineNo: l.line_no ?? i + 1,
      invoiceNumber: l.invoice_number,
    }),
  }));

  // 不可重复申领: the unit's vouchers of this year under programs listed as not combinable.
  const held = rowsOf<{ program_code: string; program_version: number }>(
    await tx.query(
      `SELECT DISTINCT program_code, program_version FROM vouchers
        WHERE enterprise_id = $1 AND cap_year = $2 AND status IN ('active','exhausted','expired')
          AND application_id <> $3`,
      [facts.enterpriseId, year, facts.applicationId],
    ),
  );
  const heldPrograms = await Promise.all(
    held.map(async (h) => {
      const d = await input.programVersionOf(h.program_code, h.program_version);
      return { code: d.code, stacking: d.stacking };
    }),
  );
  const clash = notCombinableWith(program, heldPrograms);
  if (clash) return { ok: false, code: 'NOT_COMBINABLE_WITH_OTHER_PROGRAM', detail: { heldProgram: clash } };

  // Ledgers: the yearly (possibly shared), the cumulative, each line of support with its own cap.
  const ledgerCode = ledgerCodeOf(program);
  const forUpdate = lock ? 'FOR UPDATE' : '';
  // Every program keeps the yearly ledger (a program without a yearly cap: an unreachable cap, as before).
  const ceiling = ledgerCeiling(program) ?? '9999999999999.99';
  if (lock)
    await tx.query(
      `INSERT INTO yearly_cap_ledger (program_code, enterprise_id, year, cap, issued) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (program_code, enterprise_id, year) DO UPDATE SET cap = greatest(yearly_cap_ledger.cap, EXCLUDED.cap)`,
      [ledgerCode, facts.enterpriseId, year, ceiling],
    );
  const [ledgerRow] = rowsOf<{ issued: string }>(
    await tx.query(
      `SELECT issued::text FROM yearly_cap_ledger WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 ${forUpdate}`,
      [ledgerCode, facts.enterpriseId, year],
    ),
  );
  const issuedThisYear = Money.parse(ledgerRow?.issued ?? '0');
  let issuedCumulative: Money | undefined;
  if (program.perEnterpriseCumulativeCap !== null) {
    if (lock)
      await tx.query(
        `INSERT INTO cumulative_cap_ledger (program_code, enterprise_id, cap) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [program.code, facts.enterpriseId, program.perEnterpriseCumulativeCap],
      );
    const [row] = rowsOf<{ issued: string }>(
      await tx.query(
        `SELECT issued::text FROM cumulative_cap_ledger WHERE program_code = $1 AND enterprise_id = $2 ${forUpdate}`,
        [program.code, facts.enterpriseId],
      ),
    );
    issuedCumulative = Money.parse(row?.issued ?? '0');
  }
  const issuedThisYearByLine: Record<string, Money> = {};
  for (const rule of program.rateRules.filter((r) => r.line && r.yearlyCap)) {
    if (issuedThisYearByLine[rule.line!]) continue;
    if (lock)
      await tx.query(
        `INSERT INTO support_line_ledger (program_code, enterprise_id, year, line, cap) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [program.code, facts.enterpriseId, year, rule.line, rule.yearlyCap],
      );
    const [row] = rowsOf<{ issued: string }>(
      await tx.query(
        `SELECT issued::text FROM support_line_ledger
          WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND line = $4 ${forUpdate}`,
        [program.code, facts.enterpriseId, year, rule.line],
      ),
    );
    issuedThisYearByLine[rule.line!] = Money.parse(row?.issued ?? '0');
  }

  // Without rate rules the face value is the contract's (pro rata as a whole, exactly as before); it is
  // then spread over the eligible lines so each spending has its share.
  const ruled = program.rateRules.length > 0;
  const computed = computeFaceValue(program, {
    eligibleAmount: ruled
      ? Money.sum(lines.map((l) => l.amount))
      : eligibleContractAmount(program, {
          startDate: contract.start_date,
          endDate: contract.end_date,
          lines: lineRows.map((l) => ({
            serviceKind: l.service_kind as ServiceKind,
            amount: Money.parse(l.amount),
          })),
        }).eligibleAmount,
    issuedThisYear,
    ...(issuedCumulative === undefined ? {} : { issuedCumulative }),
    ...(ruled ? { lines } : {}),
    applicantCategories: facts.applicantCategories,
    issuedThisYearByLine,
  });
  if (!computed.ok)
    return { ok: false, code: computed.code, detail: { issuedThisYear: issuedThisYear.toString() } };
  const face = ruled ? computed : { ...computed, lines: spreadOverLines(program, lines, computed.faceValue) };

  // One claim per spending (lines evidenced by one invoice are one spending).
  const byKey = new Map<
    string,
    {
      base: Money;
      amount: Money;
      maxCombinedRate: string | null;
      supportLines: { line: string; amount: Money; base: Money }[];
    }
  >();
  for (const f of face.lines) {
    const key = lines[f.index].key;
    const c = byKey.get(key) ?? {
      base: Money.zero(),
      amount: Money.zero(),
      maxCombinedRate: f.maxCombinedRate,
      supportLines: [],
    };
    c.base = c.base.plus(f.eligibleAmount);
    c.amount = c.amount.plus(f.amount);
    c.supportLines.push({ line: f.line, amount: f.amount, base: f.eligibleAmount });
    byKey.set(key, c);
  }
  const keys = [...byKey.keys()].sort();
  if (lock) {
    // Concurrent claims on one spending queue here, in key order (no deadlock between applications).
    for (const key of keys) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
  }
  const found = rowsOf<{
    id: string;
    spending_key: string;
    program_code: string;
    program_version: number;
    role: 'primary' | 'stacked' | 'top-up';
    amount: string;
    voucher_id: string | null;
    paid: boolean;
  }>(
    await tx.query(
      `SELECT f.id, f.spending_key, f.program_code, f.program_version, f.role, f.amount::text, f.voucher_id,
              (coalesce(v.redeemed_amount, 0) > 0 OR v.status IS DISTINCT FROM 'active' OR f.voucher_id IS NULL
                OR EXISTS (SELECT 1 FROM funded_spending o WHERE o.voucher_id = f.voucher_id AND o.status = 'active'
                            AND NOT (o.spending_key = ANY($1::text[])))) AS paid
         FROM funded_spending f LEFT JOIN vouchers v ON v.id = f.voucher_id
        WHERE f.spending_key = ANY($1::text[]) AND f.status = 'active' AND f.program_code <> $2
        ORDER BY f.spending_key, f.created_at`,
      [keys, program.code],
    ),
  );
  const stackingOf = new Map<string, StackingRule>();
  for (const f of found) {
    const k = `${f.program_code}@${f.program_version}`;
    if (!stackingOf.has(k))
      stackingOf.set(k, (await input.programVersionOf(f.program_code, f.program_version)).stacking);
  }
  const claims: SpendingClaim[] = keys.map((key) => {
    const c = byKey.get(key)!;
    return {
      key,
      base: c.base,
      amount: c.amount,
      maxCombinedRate: c.maxCombinedRate,
      existing: found
        .filter((f) => f.spending_key === key)
        .map((f): ExistingFunding => ({
          fundingId: f.id,
          programCode: f.program_code,
          stacking: stackingOf.get(`${f.program_code}@${f.program_version}`)!,
          amount: Money.parse(f.amount),
          role: f.role,
          paid: f.paid,
          voucherId: f.voucher_id,
        })),
    };
  });
  const resolution = resolveApplication(program, claims);
  // Applications for the same contract still open under other programs (applied for, not yet funded).
  const pending = rowsOf<{ program_code: string; quoted: string | null }>(
    await tx.query(
      `SELECT program_code, quoted_face_value::text AS quoted FROM applications
        WHERE contract_id = $1 AND id <> $2 AND program_code <> $3
          AND status IN ('submitted','checking','in_review','supplement_requested','awaiting_second_approval')`,
      [facts.contractId, facts.applicationId, program.code],
    ),
  );
  const detected = [
    ...found.map((f) => ({
      programCode: f.program_code,
      key: f.spending_key,
      amount: Money.parse(f.amount),
      role: f.role as string,
    })),
    ...pending.map((p) => ({
      programCode: p.program_code,
      key: `contract:${contract.supplier_code}:${contract.contract_number}`,
      amount: Money.parse(p.quoted ?? '0'),
      role: 'pending',
    })),
  ];

  const undeclared = undeclaredSupport(facts.declared, detected);
  const detail = {
    decisions: resolution.decisions.map((d) => ({
      spendingKey: d.key,
      outcome: d.outcome,
      amount: d.amount.toString(),
      fundedElsewhere: d.fundedElsewhere.toString(),
      reason: d.reason,
      supersedes: d.supersedes,
    })),
    detected: detected.map((d) => ({ ...d, amount: d.amount.toString() })),
    undeclared: undeclared.map((u) => ({ ...u, amount: u.amount.toString() })),
    flags: undeclared.length ? ['UNDECLARED_OTHER_SUPPORT'] : [],
  };
  if (resolution.refusal) return { ok: false, code: resolution.refusal, detail };

  // The program's pool, when it is taken as vouchers are issued.
  let poolPeriod: string | null = null;
  let total = resolution.total;
  let limitedByPool = false;
  const budget = program.budgetPoolPerYear ?? program.budgetPoolTotal;
  if (program.budgetPoolCommittedAt === 'issuance' && budget !== null) {
    poolPeriod = program.budgetPoolPerYear !== null ? String(year) : 'total';
    if (lock)
      await tx.query(
        `INSERT INTO budget_pools (program_code, period, budget) VALUES ($1, $2, $3) ON CONFLICT (program_code, period) DO NOTHING`,
        [program.code, poolPeriod, budget],
      );
    const [pool] = rowsOf<{ room: string }>(
      await tx.query(
        `SELECT (budget - committed)::text AS room FROM budget_pools WHERE program_code = $1 AND period = $2 ${forUpdate}`,
        [program.code, poolPeriod],
      ),
    );
    const room = Money.parse(pool?.room ?? budget);
    if (room.isZero()) return { ok: false, code: 'BUDGET_POOL_EXHAUSTED', detail: { ...detail, poolPeriod } };
    limitedByPool = total.gt(room);
    total = total.min(room);
  }

  // What each spending and each line of support finally gets (Σ = the face value, exact to the fen).
  let left = total;
  const resolvedLines: ResolvedLine[] = [];
  const decisions = resolution.decisions.map((d) => {
    const amount = d.amount.min(left);
    left = left.minus(amount);
    let lineLeft = amount;
    for (const s of byKey.get(d.key)!.supportLines) {
      const a = s.amount.min(lineLeft);
      lineLeft = lineLeft.minus(a);
      resolvedLines.push({ key: d.key, supportLine: s.line, base: s.base, amount: a });
    }
    return { ...d, amount };
  });
  return {
    ok: true,
    face,
    faceValue: total,
    limitedByPool,
    poolPeriod,
    decisions,
    lines: resolvedLines,
    supersededVouchers: resolution.supersededVouchers,
    ledgerCode,
    ledgerYear: year,
    detail: { ...detail, limitedByPool, faceValue: total.toString() },
  };
}

/** A face value spread over the eligible lines in order, each up to line × rate, the rest on the last. */
function spreadOverLines(
  program: ProgramDefinition,
  lines: { serviceKind: ServiceKind; amount: Money }[],
  faceValue: Money,
): Extract<FaceValueResult, { ok: true }>['lines'] {
  const eligible = lines
    .map((l, index) => ({ ...l, index }))
    .filter((l) => isEligibleServiceKind(program, l.serviceKind));
  let left = faceValue;
  return eligible.map((l, i) => {
    const earned = l.amount.timesRate(program.rate);
    const amount = i === eligible.length - 1 ? left : earned.min(left);
    left = left.minus(amount);
    return {
      index: l.index,
      serviceKind: l.serviceKind,
      domestic: false,
      line: 'default',
      rate: program.rate,
      maxCombinedRate: program.stacking.maxCombinedRate,
      eligibleAmount: l.amount,
      earned,
      amount,
    };
  });
}
