import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Money,
  applicationStatusOf,
  eligibleContractAmount,
  evaluateEligibility,
  isEligibleServiceKind,
  type ApplicationStatus,
  type RuleResult,
} from '@app/domain';
import {
  ApplicationRecord,
  ContractRecord,
  EnterpriseRecord,
  ProgramCatalog,
  RelatedPartyLinkRecord,
  SupplierRecord,
  appendAudit,
  rowsOf,
} from '@app/persistence';
import { applicationFacts, crossProgramFace, programFactRefusal } from './cross-program.store';
import { Activity } from '@app/temporal/activities';

export interface EligibilityOutcome {
  applicationId: string;
  eligible: boolean;
  failures: Pick<RuleResult, 'code' | 'rule'>[];
  eligibleAmount: string | null;
  quotedFaceValue: string | null;
}

/** The statuses the application workflow moves a checked application to (it owns the transitions). */
export interface CheckedStatuses {
  eligible: ApplicationStatus;
  refused: ApplicationStatus;
}

/**
 * Automated eligibility checks for an application. Idempotent: re-running recomputes the same results
 * from the same recorded facts and only moves the application forward from `submitted`.
 */
@Injectable()
export class EligibilityActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
  ) {}

  /** The step of workflows started before the checks and the review task became one activity. */
  @Activity()
  async runEligibilityChecks(applicationId: string): Promise<EligibilityOutcome> {
    return this.db.transaction((tx) =>
      checkEligibility(tx, this.catalog, applicationId, {
        eligible: applicationStatusOf('review'),
        refused: applicationStatusOf('refused'),
      }),
    );
  }
}

/**
 * Runs the checks inside the caller's transaction and writes the status the workflow chose for the
 * outcome (the workflow, not this function, owns the application's status).
 */
export async function checkEligibility(
  tx: EntityManager,
  catalog: ProgramCatalog,
  applicationId: string,
  statuses: CheckedStatuses,
): Promise<EligibilityOutcome> {
  const application = await tx.findOneOrFail(ApplicationRecord, {
    where: { id: applicationId },
    lock: { mode: 'pessimistic_write' },
  });
  const { definition: program } = await catalog.version(
    application.programCode,
    application.programVersion,
    tx,
  );
  const contract = await tx.findOneOrFail(ContractRecord, {
    where: { id: application.contractId },
    relations: { lines: true },
  });
  const enterprise = await tx.findOneByOrFail(EnterpriseRecord, { id: application.enterpriseId });
  const supplier = await tx.findOneByOrFail(SupplierRecord, { id: contract.supplierId });
  const relatedParty = await tx.existsBy(RelatedPartyLinkRecord, {
    enterpriseId: enterprise.id,
    supplierId: supplier.id,
  });
  const alreadyApplied = await tx
    .createQueryBuilder(ApplicationRecord, 'a')
    .where('a.contract_id = :contractId AND a.program_code = :program AND a.id <> :id', {
      contractId: contract.id,
      program: program.code,
      id: application.id,
    })
    .getExists();

  // The supplier list the bureau had published on the application's date (ADR 0011).
  const listed = await catalog.suppliersInForce(program.code, application.submittedOn, tx);
  const lines = contract.lines.map((l) => ({ serviceKind: l.serviceKind as never, amount: l.amount }));
  const verdict = evaluateEligibility(program, {
    asOf: application.submittedOn,
    enterprise: {
      registrationRegion: enterprise.registrationRegion,
      independentLegalPerson: enterprise.independentLegalPerson,
      industry: enterprise.industry as never,
      aiDirectionAligned: enterprise.aiDirectionAligned,
      soundFinancialManagement: enterprise.soundFinancialManagement,
      lastDishonestyRecordDate: enterprise.lastDishonestyRecordDate,
      receivesOtherMunicipalComputeSubsidy: enterprise.receivesOtherMunicipalComputeSubsidy,
    },
    supplier: {
      supplierCode: supplier.code,
      isPartner: listed.includes(supplier.code),
      relatedParty,
      offeredServiceKinds: supplier.serviceKinds as never,
    },
    contract: {
      signedOn: contract.signedOn,
      startDate: contract.startDate,
      endDate: contract.endDate,
      lines,
      applicationDomain: contract.applicationDomain as never,
      alreadyApplied,
    },
  });

  const before = { status: application.status };
  application.eligibilityResults = verdict.results;
  let crossProgram: Record<string, unknown> | null = null;
  if (verdict.eligible) {
    const amount = eligibleContractAmount(program, {
      startDate: contract.startDate,
      endDate: contract.endDate,
      lines,
    });
    application.eligibleAmount = amount.eligibleAmount;
    application.eligibleDays = amount.daysInPlan;
    application.contractDays = amount.totalDays;
    // The program's own facts (categories, project facts, invoices), then the face value across
    // programs; the quote shows the room left today, issuance re-applies everything under locks.
    const facts = await applicationFacts(tx, application.id);
    const lineFacts = await tx.query(
      `SELECT service_kind, invoice_number FROM contract_lines WHERE contract_id = $1`,
      [contract.id],
    );
    const factRefusal = programFactRefusal(
      program,
      facts,
      rowsOf<{ service_kind: string; invoice_number: string | null }>(lineFacts).map((l) => ({
        serviceKind: l.service_kind,
        invoiceNumber: l.invoice_number,
        eligible: isEligibleServiceKind(program, l.service_kind as never),
      })),
    );
    const face = factRefusal
      ? { ok: false as const, code: factRefusal.code, detail: factRefusal.detail }
      : await crossProgramFace(tx, {
          program,
          programVersionOf: async (code, version) => (await catalog.version(code, version, tx)).definition,
          facts,
          year: Number(application.submittedOn.slice(0, 4)),
          lock: false,
        });
    crossProgram = face.detail;
    application.quotedFaceValue = face.ok ? face.faceValue : Money.zero();
    application.status = face.ok ? statuses.eligible : statuses.refused;
    application.refusalCode = face.ok ? null : face.code;
  } else {
    application.status = statuses.refused;
    application.refusalCode = verdict.failures[0].code;
  }
  if (before.status !== applicationStatusOf('submitted')) {
    // Already past the checks (a retried activity after commit): report, change nothing.
    const current = await tx.findOneByOrFail(ApplicationRecord, { id: applicationId });
    return outcomeOf(current);
  }
  await tx.save(application);
  await tx.query(`UPDATE applications SET cross_program = $2 WHERE id = $1`, [
    application.id,
    crossProgram === null ? null : JSON.stringify(crossProgram),
  ]);
  await appendAudit(tx, 'system:eligibility', 'application.checked', ['application', application.id], {
    before,
    after: {
      status: application.status,
      refusalCode: application.refusalCode,
      eligibleAmount: application.eligibleAmount?.toString() ?? null,
      quotedFaceValue: application.quotedFaceValue?.toString() ?? null,
      crossProgram,
    },
  });
  return outcomeOf(application);
}

function outcomeOf(a: ApplicationRecord): EligibilityOutcome {
  return {
    applicationId: a.id,
    // A refusal always records its code, whatever status the workflow chose to show it under.
    eligible: a.refusalCode === null,
    failures: (a.eligibilityResults ?? [])
      .filter((r) => !r.passed)
      .map((r) => ({ code: r.code, rule: r.rule })),
    eligibleAmount: a.eligibleAmount?.toString() ?? null,
    quotedFaceValue: a.quotedFaceValue?.toString() ?? null,
  };
}
