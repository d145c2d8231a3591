import { eligibleContractAmount, type ContractLine } from './amounts';
import { addYears, compareDates, lastDayOfTerm, type BusinessDate } from './calendar';
import { Money } from './money';
import {
  isEligibleServiceKind,
  isWithinRegion,
  type ApplicationDomain,
  type Industry,
  type LocalizedText,
  type ProgramDefinition,
  type ServiceKind,
} from './program';
import { OK_MESSAGE, REASON_MESSAGES, type ReasonCode } from './reasons';

export type { ContractLine } from './amounts';
export { REASON_MESSAGES, REASON_CODES, describeReason, isReasonCode, type ReasonCode } from './reasons';

export type RuleId =
  | 'enterprise.region'
  | 'enterprise.independent-legal-person'
  | 'enterprise.industry'
  | 'enterprise.ai-direction'
  | 'enterprise.financial-management'
  | 'enterprise.dishonesty'
  | 'enterprise.duplicate-subsidy'
  | 'supplier.partner'
  | 'supplier.non-affiliated'
  | 'supplier.eligible-service'
  | 'contract.signed-from'
  | 'contract.signed-by-plan-end'
  | 'contract.dates'
  | 'contract.term'
  | 'contract.line-amounts'
  | 'contract.eligible-service'
  | 'contract.minimum-amount'
  | 'contract.domain'
  | 'contract.one-application'
  | 'contract.plan-window';

/** What each rule checks, in the words a reviewer uses (the console labels the checks with these). */
export const RULE_LABELS: Readonly<Record<RuleId, LocalizedText>> = {
  'enterprise.region': { zh: '注册地在本市', en: 'Registered in the program region' },
  'enterprise.independent-legal-person': { zh: '具备独立法人资格', en: 'Independent legal person' },
  'enterprise.industry': { zh: '软件信息服务业或制造业企业', en: 'Software & IT services or manufacturing' },
  'enterprise.ai-direction': { zh: '符合人工智能产业发展方向', en: 'Fits the AI industry direction' },
  'enterprise.financial-management': { zh: '财务机构和管理制度健全', en: 'Sound financial management' },
  'enterprise.dishonesty': { zh: '近3年无失信记录', en: 'No dishonesty record in the last 3 years' },
  'enterprise.duplicate-subsidy': { zh: '未获其他市级算力补贴', en: 'No other municipal compute subsidy' },
  'supplier.partner': { zh: '供给方为算力伙伴', en: 'Supplier is a compute partner' },
  'supplier.non-affiliated': { zh: '供给方为非关联方', en: 'Supplier is not a related party' },
  'supplier.eligible-service': { zh: '供给方提供智能算力', en: 'Supplier offers intelligent compute' },
  'contract.signed-from': { zh: '合同签订日期不早于方案起始日', en: 'Signed on or after the window opens' },
  'contract.signed-by-plan-end': { zh: '合同在方案执行期内签订', en: 'Signed before the plan ends' },
  'contract.dates': { zh: '合同起止日期有效', en: 'Contract dates are valid' },
  'contract.term': { zh: '合同期限一年及以内', en: 'Term of one year or less' },
  'contract.line-amounts': { zh: '合同金额有效', en: 'Line amounts are valid' },
  'contract.eligible-service': { zh: '包含智能算力服务', en: 'Includes intelligent compute' },
  'contract.minimum-amount': { zh: '达到最低金额', en: 'Meets the minimum amount' },
  'contract.domain': { zh: '应用于支持的行业领域', en: 'Used in a supported field' },
  'contract.one-application': { zh: '同一合同仅申领一次', en: 'One application per contract' },
  'contract.plan-window': { zh: '合同期与方案执行期有交集', en: 'Overlaps the plan window' },
};

export interface RuleResult {
  rule: RuleId;
  passed: boolean;
  code: ReasonCode | 'OK';
  message: LocalizedText;
  /** The values the rule compared, for the reviewer's screen and the audit log. */
  params?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface EnterpriseFacts {
  /** Region code, e.g. 'beijing' or a district inside it such as 'beijing-haidian'. */
  registrationRegion: string;
  independentLegalPerson: boolean;
  industry: Industry;
  aiDirectionAligned: boolean;
  soundFinancialManagement: boolean;
  lastDishonestyRecordDate: BusinessDate | null;
  receivesOtherMunicipalComputeSubsidy: boolean;
}

export interface SupplierFacts {
  supplierCode: string;
  /** On the bureau's partner list at the time of the application (the list grows; the caller knows it). */
  isPartner: boolean;
  /** A related party (关联方) of the applying enterprise. */
  relatedParty: boolean;
  offeredServiceKinds: readonly ServiceKind[];
}

export interface ContractFacts {
  signedOn: BusinessDate;
  startDate: BusinessDate;
  endDate: BusinessDate;
  lines: readonly ContractLine[];
  applicationDomain: ApplicationDomain;
  /** A voucher application already exists for this contract (同一合同仅能申领一次). */
  alreadyApplied: boolean;
}

export interface EligibilityInput {
  enterprise: EnterpriseFacts;
  supplier: SupplierFacts;
  contract: ContractFacts;
  asOf: BusinessDate;
}

export interface EligibilityOutcome {
  eligible: boolean;
  results: RuleResult[];
  failures: RuleResult[];
}

type Params = RuleResult['params'];

function rule(id: RuleId, passed: boolean, failCode: ReasonCode, params?: Params): RuleResult {
  const result: RuleResult = passed
    ? { rule: id, passed, code: 'OK', message: OK_MESSAGE }
    : { rule: id, passed, code: failCode, message: REASON_MESSAGES[failCode] };
  return params ? { ...result, params } : result;
}

/**
 * A dishonesty record disqualifies when it is dated inside the look-back window, i.e. after
 * addYears(asOf, -lookback). A record exactly `lookback` years before asOf (same month and day) is outside
 * the window: the window is the `lookback`-year period ending on asOf, both ends inclusive, the same way a
 * one-year contract term is counted. A record dated after asOf is treated as inside (it is not old enough).
 */
export function dishonestyRecordDisqualifies(
  lookbackYears: number,
  recordDate: BusinessDate | null,
  asOf: BusinessDate,
): boolean {
  if (recordDate === null) return false;
  return compareDates(recordDate, addYears(asOf, -lookbackYears)) > 0;
}

export function checkEnterprise(
  program: ProgramDefinition,
  facts: EnterpriseFacts,
  asOf: BusinessDate,
): RuleResult[] {
  const lookback = program.dishonestyLookbackYears;
  return [
    rule(
      'enterprise.region',
      program.eligibleRegistrationRegions.some((r) => isWithinRegion(r, facts.registrationRegion)),
      'ENTERPRISE_NOT_REGISTERED_IN_REGION',
      { registrationRegion: facts.registrationRegion },
    ),
    rule(
      'enterprise.independent-legal-person',
      !program.requiresIndependentLegalPerson || facts.independentLegalPerson,
      'ENTERPRISE_NOT_INDEPENDENT_LEGAL_PERSON',
    ),
    rule(
      'enterprise.industry',
      program.eligibleIndustries.includes(facts.industry),
      'ENTERPRISE_INDUSTRY_NOT_ELIGIBLE',
      {
        industry: facts.industry,
      },
    ),
    rule(
      'enterprise.ai-direction',
      !program.requiresAiDirectionAlignment || facts.aiDirectionAligned,
      'ENTERPRISE_AI_DIRECTION_NOT_ALIGNED',
    ),
    rule(
      'enterprise.financial-management',
      !program.requiresSoundFinancialManagement || facts.soundFinancialManagement,
      'ENTERPRISE_FINANCIAL_MANAGEMENT_UNSOUND',
    ),
    rule(
      'enterprise.dishonesty',
      lookback === null || !dishonestyRecordDisqualifies(lookback, facts.lastDishonestyRecordDate, asOf),
      'ENTERPRISE_DISHONESTY_RECORD',
      { lastDishonestyRecordDate: facts.lastDishonestyRecordDate, asOf, lookbackYears: lookback },
    ),
    rule(
      'enterprise.duplicate-subsidy',
      !program.excludesOtherMunicipalComputeSubsidy || !facts.receivesOtherMunicipalComputeSubsidy,
      'ENTERPRISE_DUPLICATE_MUNICIPAL_SUBSIDY',
    ),
  ];
}

export function checkSupplier(program: ProgramDefinition, facts: SupplierFacts): RuleResult[] {
  return [
    rule('supplier.partner', !program.requiresPartnerSupplier || facts.isPartner, 'SUPPLIER_NOT_PARTNER', {
      supplierCode: facts.supplierCode,
    }),
    rule(
      'supplier.non-affiliated',
      !program.requiresNonAffiliatedSupplier || !facts.relatedParty,
      'SUPPLIER_RELATED_PARTY',
      { supplierCode: facts.supplierCode },
    ),
    rule(
      'supplier.eligible-service',
      facts.offeredServiceKinds.some((k) => isEligibleServiceKind(program, k)),
      'SUPPLIER_NO_ELIGIBLE_SERVICE',
      { supplierCode: facts.supplierCode },
    ),
  ];
}

/**
 * Contract rules. Each defect yields one code: a rule whose precondition is broken by another rule's defect
 * (e.g. the term of a contract that ends before it starts) passes and leaves the reporting to that rule.
 */
export function checkContract(program: ProgramDefinition, facts: ContractFacts): RuleResult[] {
  const datesValid = compareDates(facts.startDate, facts.endDate) <= 0;
  const linesValid = facts.lines.every((l) => !l.amount.isNegative());
  // Negative lines are reported by their own rule; the amounts are computed from the valid lines only.
  const amounts = eligibleContractAmount(program, {
    startDate: facts.startDate,
    endDate: facts.endDate,
    lines: facts.lines.filter((l) => !l.amount.isNegative()),
  });
  const { eligibleBase, daysInPlan, eligibleAmount } = amounts;
  const lastAllowedEnd = program.maxContractTerm
    ? lastDayOfTerm(facts.startDate, program.maxContractTerm.years)
    : null;
  const minimum = program.minEligibleAmount === null ? null : Money.parse(program.minEligibleAmount);

  return [
    rule(
      'contract.signed-from',
      program.contractSignedFrom === null || compareDates(facts.signedOn, program.contractSignedFrom) >= 0,
      'CONTRACT_SIGNED_BEFORE_WINDOW',
      { signedOn: facts.signedOn, contractSignedFrom: program.contractSignedFrom },
    ),
    rule(
      'contract.signed-by-plan-end',
      compareDates(facts.signedOn, program.planEnd) <= 0,
      'CONTRACT_SIGNED_AFTER_PLAN_END',
      { signedOn: facts.signedOn, planEnd: program.planEnd },
    ),
    rule('contract.dates', datesValid, 'CONTRACT_END_BEFORE_START', {
      startDate: facts.startDate,
      endDate: facts.endDate,
    }),
    rule(
      'contract.term',
      !datesValid || lastAllowedEnd === null || compareDates(facts.endDate, lastAllowedEnd) <= 0,
      'CONTRACT_TERM_TOO_LONG',
      { startDate: facts.startDate, endDate: facts.endDate, lastAllowedEnd },
    ),
    rule('contract.line-amounts', linesValid, 'CONTRACT_INVALID_LINE_AMOUNT'),
    rule('contract.eligible-service', eligibleBase.isPositive(), 'CONTRACT_NO_ELIGIBLE_SERVICE', {
      eligibleBase: eligibleBase.toString(),
    }),
    rule(
      'contract.minimum-amount',
      minimum === null ||
        !datesValid ||
        daysInPlan === 0 ||
        !eligibleBase.isPositive() ||
        eligibleAmount.gte(minimum),
      'CONTRACT_BELOW_MINIMUM',
      { eligibleAmount: eligibleAmount.toString(), minimum: minimum === null ? null : minimum.toString() },
    ),
    rule(
      'contract.domain',
      program.eligibleApplicationDomains.includes(facts.applicationDomain),
      'CONTRACT_DOMAIN_NOT_ELIGIBLE',
      { applicationDomain: facts.applicationDomain },
    ),
    rule(
      'contract.one-application',
      !program.oneApplicationPerContract || !facts.alreadyApplied,
      'CONTRACT_ALREADY_APPLIED',
    ),
    rule('contract.plan-window', !datesValid || daysInPlan > 0, 'CONTRACT_OUTSIDE_PLAN_WINDOW', {
      planStart: program.planStart,
      planEnd: program.planEnd,
      daysInPlan,
    }),
  ];
}

/** All rules of the program for one application; eligible only if every rule passes. */
export function evaluateEligibility(program: ProgramDefinition, input: EligibilityInput): EligibilityOutcome {
  const results = [
    ...checkEnterprise(program, input.enterprise, input.asOf),
    ...checkSupplier(program, input.supplier),
    ...checkContract(program, input.contract),
  ];
  const failures = results.filter((r) => !r.passed);
  return { eligible: failures.length === 0, results, failures };
}
