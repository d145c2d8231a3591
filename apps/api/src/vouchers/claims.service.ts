import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Money,
  assignRedemptionRun,
  claimRefusal,
  refusalMessageOr,
  eligibleInvoicedAmount,
  isVoucherExpired,
  nextOpenRun,
  redemptionRunKey,
  yearOf,
} from '@app/domain';
import { Notifier, claimAccepted } from '@app/notifications';
import {
  BusinessClock,
  EnterpriseRecord,
  ProgramCatalog,
  RedemptionClaimRecord,
  SettlementRecord,
  VoucherRecord,
  appendAudit,
} from '@app/persistence';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import type { PageQuery } from '../common/pagination';
import { claimPage, settlementPage, voucherPage } from './enterprise-lists';
import type { FileClaimDto } from './claims.dto';

@Injectable()
export class ClaimsService {
  private readonly logger = new Logger('Claims');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly notifier: Notifier,
    private readonly catalog: ProgramCatalog,
  ) {}

  /**
   * The enterprise's vouchers, newest first: one statement per page (enterprise-lists.ts), each with its
   * last day of use and whether it has expired on today's business date (ADR 0049).
   */
  async vouchers(me: Principal, q: PageQuery) {
    // One statement: in sandbox mode today's date rides along with the page's rows.
    const page = await voucherPage(this.db, me.enterpriseId!, q, this.clock.todaySql);
    const today = this.clock.todayFrom(page.items[0]?.businessDate as string | null | undefined);
    const items = page.items.map(({ businessDate: _businessDate, ...v }) => ({
      ...v,
      expired: isVoucherExpired(
        { status: v.status as string, validUntil: v.validUntil as string | null },
        today,
      ),
    }));
    return { ...page, items };
  }

  /**
   * The enterprise's confirmed settlements, with whether each has been claimed yet and, when it cannot be,
   * why (the voucher checks of file() below, so the console offers only claims this service would take).
   */
  async settlements(me: Principal, q: PageQuery) {
    const page = await settlementPage(this.db, me.enterpriseId!, q);
    const items = page.items.map(({ voucherStatus, voucherValidUntil, ...s }) => ({
      ...s,
      voucherStatus,
      voucherValidUntil,
      claimRefusal: claimRefusal(
        voucherStatus
          ? { status: voucherStatus as string, validUntil: voucherValidUntil as string | null }
          : null,
        { periodEnd: s.periodEnd as string, claimed: s.claimId !== null },
      ),
    }));
    return { ...page, items };
  }

  /**
   * A claim redeems one supplier-confirmed settlement against the contract's voucher. The domain library
   * decides which run it belongs to (its quarter, or next year's Q1 after the Nov 15 cutoff) and what part
   * of the invoice lies inside the plan.
   */
  async file(me: Principal, dto: FileClaimDto) {
    const today = await this.clock.today();
    const claim = await this.db.transaction(async (tx) => {
      const s = await tx.findOneBy(SettlementRecord, { id: dto.settlementId });
      if (!s || s.enterpriseId !== me.enterpriseId) notFound('settlement');
      if (s.invoiceNumber !== dto.invoiceNumber || !s.amount.eq(Money.parse(dto.invoicedAmount))) {
        refused(
          'CLAIM_DOES_NOT_MATCH_SETTLEMENT',
          {
            zh: '发票号或金额与供给方确认的结算不一致',
            en: 'Invoice number or amount does not match the supplier-confirmed settlement',
          },
          'invoiceNumber',
        );
      }
      const voucher = await tx.findOne(VoucherRecord, {
        where: { contractId: s.contractId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!voucher) refused('NO_VOUCHER_FOR_CONTRACT', refusalMessageOr('NO_VOUCHER_FOR_CONTRACT', 422));
      if (voucher.status !== 'active') {
        refused('VOUCHER_NOT_ACTIVE', refusalMessageOr('VOUCHER_NOT_ACTIVE', 422));
      }
      if (await tx.existsBy(RedemptionClaimRecord, { settlementId: s.id })) {
        conflict(
          'SETTLEMENT_ALREADY_CLAIMED',
          'This settlement (invoice) has already been claimed (发票已申请兑付)',
        );
      }
      const { definition: program } = await this.catalog.version(
        voucher.programCode,
        voucher.programVersion,
        tx,
      );
      const assignment = assignRedemptionRun(program, { deliveredOn: s.periodEnd, claimedOn: today });
      if (!assignment.ok) refused(assignment.code, assignment.message, 'settlementId');
      // After the plan window (checked above): a voucher valid for a time (Guizhou cash vouchers: 6
      // months) pays only for what was delivered while it was valid.
      const [validity] = await tx.query(
        `SELECT valid_until::text AS "validUntil" FROM vouchers WHERE id = $1`,
        [voucher.id],
      );
      if (validity?.validUntil && s.periodEnd > validity.validUntil) {
        refused(
          'VOUCHER_VALIDITY_ENDED',
          {
            zh: `算力券有效期至 ${validity.validUntil}，该期间的服务不在有效期内`,
            en: `The voucher was valid until ${validity.validUntil}; this delivery ends after that`,
          },
          'settlementId',
        );
      }
      // A run that has gathered its claims (or completed) takes no more: the claim goes to the next run
      // still open, however many are closed (ADR 0044). The shared lock on the chosen run's key holds off
      // its opening (openRedemptionRun takes it exclusively) until this claim is committed, so the run
      // either sees the claim or is already seen closed here — never a claim stranded in a gathered run.
      let run = assignment.run;
      let reason: string = assignment.reason;
      for (;;) {
        const closedRows: { year: number; quarter: number }[] = await tx.query(
          `SELECT year, quarter FROM redemption_runs
            WHERE program_code = $1 AND status <> 'gathering' AND (year, quarter) >= ($2, $3)`,
          [program.code, run.year, run.quarter],
        );
        const closed = new Set(closedRows.map((r) => `${r.year}-${r.quarter}`));
        const open = nextOpenRun(program, run, (q) => closed.has(`${q.year}-${q.quarter}`));
        if (!open.ok) refused(open.code, open.message, 'settlementId');
        if (open.movedOn) reason = 'RUN_ALREADY_GATHERED';
        run = open.run;
        await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [
          redemptionRunKey(program.code, run.year, run.quarter),
        ]);
        const [now] = await tx.query(
          `SELECT 1 FROM redemption_runs
            WHERE program_code = $1 AND year = $2 AND quarter = $3 AND status <> 'gathering'`,
          [program.code, run.year, run.quarter],
        );
        if (!now) break;
      }
      const eligible = eligibleInvoicedAmount(program, {
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
        amount: s.amount,
      });
      if (eligible.isZero()) {
        refused('DELIVERY_AFTER_PLAN_END', {
          zh: '交付期间不在方案执行期内',
          en: 'No part of this delivery lies inside the plan',
        });
      }
      const saved = await tx.save(
        tx.create(RedemptionClaimRecord, {
          voucherId: voucher.id,
          settlementId: s.id,
          enterpriseId: s.enterpriseId,
          programCode: program.code,
          claimedOn: today,
          deliveredOn: s.periodEnd,
          invoicedEligibleAmount: eligible,
          runYear: run.year,
          runQuarter: run.quarter,
          rolledOver: assignment.rolledOver || run.year > yearOf(s.periodEnd),
          assignmentReason: reason,
          status: 'pending',
        }),
      );
      await appendAudit(tx, me.userId, 'claim.filed', ['claim', saved.id], {
        after: {
          settlementId: s.id,
          voucherId: voucher.id,
          invoicedEligibleAmount: eligible.toString(),
          run: `${run.year}-Q${run.quarter}`,
          rolledOver: assignment.rolledOver,
          reason,
        },
      });
      return { saved, invoiceNumber: s.invoiceNumber };
    });
    await this.notifyAccepted(me, claim.saved, claim.invoiceNumber).catch((err) =>
      this.logger.warn(`claim notice not sent: ${err}`),
    );
    return this.view(claim.saved);
  }

  list(me: Principal, q: PageQuery) {
    return claimPage(this.db, me.enterpriseId!, q);
  }

  private async notifyAccepted(me: Principal, c: RedemptionClaimRecord, invoiceNumber: string) {
    const enterprise = await this.db.getRepository(EnterpriseRecord).findOneByOrFail({ id: c.enterpriseId });
    await this.notifier.notify({
      ...claimAccepted({
        enterpriseName: enterprise.name,
        invoiceNumber,
        runYear: c.runYear,
        runQuarter: c.runQuarter,
        rolledOver: c.rolledOver,
      }),
      dedupeKey: `claim:${c.id}:accepted`,
      kind: 'claim.accepted',
      recipientUserId: me.userId,
      entityType: 'claim',
      entityId: c.id,
    });
  }

  private view(c: RedemptionClaimRecord) {
    return {
      id: c.id,
      voucherId: c.voucherId,
      settlementId: c.settlementId,
      claimedOn: c.claimedOn,
      deliveredOn: c.deliveredOn,
      invoicedEligibleAmount: c.invoicedEligibleAmount.toString(),
      run: { year: c.runYear, quarter: c.runQuarter },
      rolledOver: c.rolledOver,
      assignmentReason: c.assignmentReason,
      status: c.status,
    };
  }
}
