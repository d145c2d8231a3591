import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Money,
  computeFaceValue,
  eligibleContractAmount,
  evaluateEligibility,
  type RuleResult,
} from '@app/domain';
import {
  ApplicationRecord,
  ContractRecord,
  EnterpriseRecord,
  ProgramCatalog,
  RelatedPartyLinkRecord,
  SupplierRecord,
  YearlyCapLedgerRecord,
  appendAudit,
} from '@app/persistence';

export interface EligibilityOutcome {
  applicationId: string;
  eligible: boolean;
  failures: Pick<RuleResult, 'code' | 'rule'>[];
  eligibleAmount: string | null;
  quotedFaceValue: string | null;
}

/**
 * Automated eligibility checks for an application. Idempotent: re-running recomputes the same results
 * from the same recorded facts and only moves the application forward from `submitted`/`checking`.
 */
@Injectable()
export class EligibilityActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
  ) {}

  async runEligibilityChecks(applicationId: string): Promise<EligibilityOutcome> {
    return this.db.transaction(async (tx) => {
      const application = await tx.findOneOrFail(ApplicationRecord, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      const { definition: program } = await this.catalog.version(
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
      const listed = await this.catalog.suppliersInForce(program.code, application.submittedOn, tx);
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
      if (verdict.eligible) {
        const amount = eligibleContractAmount(program, {
          startDate: contract.startDate,
          endDate: contract.endDate,
          lines,
        });
        // The quote shows the room left today; issuance re-applies the cap atomically.
        const ledger = await tx.findOneBy(YearlyCapLedgerRecord, {
          programCode: program.code,
          enterpriseId: enterprise.id,
          year: Number(application.submittedOn.slice(0, 4)),
        });
        const [cumulative] = (await tx.query(
          `SELECT issued::text FROM cumulative_cap_ledger WHERE program_code = $1 AND enterprise_id = $2`,
          [program.code, enterprise.id],
        )) as { issued: string }[];
        const face = computeFaceValue(program, {
          eligibleAmount: amount.eligibleAmount,
          issuedThisYear: ledger?.issued ?? Money.zero(),
          ...(program.perEnterpriseCumulativeCap === null
            ? {}
            : { issuedCumulative: Money.parse(cumulative?.issued ?? '0') }),
        });
        application.eligibleAmount = amount.eligibleAmount;
        application.eligibleDays = amount.daysInPlan;
        application.contractDays = amount.totalDays;
        application.quotedFaceValue = face.ok ? face.faceValue : Money.zero();
        application.status = face.ok ? 'in_review' : 'refused';
        application.refusalCode = face.ok ? null : face.code;
      } else {
        application.status = 'refused';
        application.refusalCode = verdict.failures[0].code;
      }
      if (!['submitted', 'checking'].includes(before.status)) {
        // Already past the checks (a retried activity after commit): report, change nothing.
        const current = await tx.findOneByOrFail(ApplicationRecord, { id: applicationId });
        return this.outcome(current);
      }
      await tx.save(application);
      await appendAudit(tx, {
        actor: 'system:eligibility',
        action: 'application.checked',
        entityType: 'application',
        entityId: application.id,
        before,
        after: {
          status: application.status,
          refusalCode: application.refusalCode,
          eligibleAmount: application.eligibleAmount?.toString() ?? null,
          quotedFaceValue: application.quotedFaceValue?.toString() ?? null,
        },
      });
      return this.outcome(application);
    });
  }

  private outcome(a: ApplicationRecord): EligibilityOutcome {
    return {
      applicationId: a.id,
      eligible: a.status !== 'refused',
      failures: (a.eligibilityResults ?? [])
        .filter((r) => !r.passed)
        .map((r) => ({ code: r.code, rule: r.rule })),
      eligibleAmount: a.eligibleAmount?.toString() ?? null,
      quotedFaceValue: a.quotedFaceValue?.toString() ?? null,
    };
  }
}
