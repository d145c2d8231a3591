import { DataSource } from 'typeorm';
import type { ApplyDto, ContractLineDto } from '../../apps/api/src/applications/application.dto';
import { BEIJING_2023_2025, Money, eligibleEnterprise } from '@app/domain';
import {
  ApplicationRecord,
  ContractRecord,
  EnterpriseRecord,
  SupplierRecord,
  createDataSource,
  seedReferenceData,
} from '@app/persistence';

export async function openTestDataSource(): Promise<DataSource> {
  return createDataSource({
    DATABASE_URL: process.env.DATABASE_URL!,
    DATABASE_POOL_SIZE: 5,
    DATABASE_SSL: false,
    DATABASE_LOGGING: false,
  }).initialize();
}

/** The programs and the partner suppliers, keyed by supplier code. */
export async function seedReference(db: DataSource): Promise<Map<string, SupplierRecord>> {
  await seedReferenceData(db);
  const rows = await db.getRepository(SupplierRecord).find();
  return new Map(rows.map((r) => [r.code, r]));
}

let seq = 0;
/** An enterprise that passes every Beijing eligibility rule unless overridden. */
export async function createEnterprise(db: DataSource, overrides: Partial<EnterpriseRecord> = {}) {
  seq += 1;
  const code = `91110108${String(Date.now() % 1e6).padStart(6, '0')}${String(seq).padStart(4, '0')}`.slice(
    0,
    18,
  );
  return db.getRepository(EnterpriseRecord).save({
    name: `测试智能科技有限公司 ${seq}`,
    creditCode: code,
    ...eligibleEnterprise(),
    contactEmail: `finance${seq}@enterprise.example.cn`,
    ...overrides,
  });
}

export interface ContractSpec {
  enterpriseId: string;
  supplierId: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  lines: { serviceKind: string; amount: string }[];
  applicationDomain?: string;
}

export async function createContract(db: DataSource, spec: ContractSpec) {
  seq += 1;
  const total = Money.sum(spec.lines.map((l) => Money.parse(l.amount)));
  const repo = db.getRepository(ContractRecord);
  return repo.save(
    repo.create({
      enterpriseId: spec.enterpriseId,
      supplierId: spec.supplierId,
      contractNumber: `HT-${Date.now()}-${seq}`,
      signedOn: spec.signedOn,
      startDate: spec.startDate,
      endDate: spec.endDate,
      totalAmount: total,
      applicationDomain: spec.applicationDomain ?? 'medical',
      lines: spec.lines.map((l) => ({
        serviceKind: l.serviceKind,
        amount: Money.parse(l.amount),
        description: '',
      })),
    }),
  );
}

/**
 * A Beijing application as the API records it at submission, before its workflow is named (the caller
 * names it after the row has its id).
 */
export function submittedApplicationRow(
  enterpriseId: string,
  contractId: string,
  submittedOn: string,
): ApplicationRecord {
  return {
    programCode: BEIJING_2023_2025.code,
    programVersion: 1,
    enterpriseId,
    contractId,
    status: 'submitted',
    submittedOn,
    workflowId: 'pending',
  } as ApplicationRecord;
}

/** An application's contract as the console's form holds it: the API's fields, one line of `amount`. */
export type ApplicationTerms = Pick<
  ApplyDto,
  'supplierId' | 'contractNumber' | 'signedOn' | 'startDate' | 'endDate' | 'applicationDomain'
> &
  Pick<ContractLineDto, 'amount'>;

/** A Beijing contract that is eligible and below the second-approval line, unless `overrides` say otherwise. */
export function beijingTerms(
  supplierId: string,
  contractNumber: string,
  overrides: Partial<ApplicationTerms> = {},
): ApplicationTerms {
  return {
    supplierId,
    contractNumber,
    signedOn: '2025-03-25',
    startDate: '2025-04-01',
    endDate: '2025-12-31',
    applicationDomain: 'finance',
    amount: '100000.00',
    ...overrides,
  };
}

/** A transport contract of May to October 2025 (the review suites' applications). */
export const TRANSPORT_MAY_TO_OCTOBER: Partial<ApplicationTerms> = {
  signedOn: '2025-05-01',
  startDate: '2025-05-01',
  endDate: '2025-10-31',
  applicationDomain: 'transport',
};

/** The body of POST /applications for these terms (`programCode` names a program other than Beijing's). */
export function applicationBody({ amount, ...contract }: ApplicationTerms, programCode?: string) {
  return {
    ...(programCode ? { programCode } : {}),
    ...contract,
    lines: [{ serviceKind: 'intelligent_compute', amount }],
  };
}

/** The body of a Beijing application (benches and tests): eligible, below the second-approval line. */
export function beijingApplicationBody(supplierId: string, contractNumber: string) {
  return applicationBody(beijingTerms(supplierId, contractNumber));
}
