import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Money, compareDates, leftToSettle } from '@app/domain';
import { Notifier, settlementConfirmed } from '@app/notifications';
import {
  ContractRecord,
  EnterpriseRecord,
  SettlementRecord,
  SupplierRecord,
  appendAudit,
} from '@app/persistence';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import type { PageQuery } from '../common/pagination';
import type { ConfirmSettlementDto } from './supplier.dto';
import { invoiceFilesOf } from './invoice-files.service';

@Injectable()
export class SupplierService {
  private readonly logger = new Logger('Supplier');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: Notifier,
  ) {}

  async contracts(me: Principal, q: PageQuery) {
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM contracts WHERE supplier_id = $1`,
      [me.supplierId],
    );
    const items = await this.db.query(
      `SELECT c.id, c.contract_number AS "contractNumber", e.name AS "enterpriseName", c.signed_on::text AS "signedOn",
              c.start_date::text AS "startDate", c.end_date::text AS "endDate", c.total_amount::text AS "totalAmount",
              coalesce((SELECT sum(s.amount) FROM settlements s WHERE s.contract_id = c.id), 0)::numeric(15,2)::text AS "settledAmount",
              greatest(c.total_amount - coalesce((SELECT sum(s.amount) FROM settlements s WHERE s.contract_id = c.id), 0), 0)::numeric(15,2)::text AS "leftToSettle",
              a.status AS "applicationStatus"
         FROM contracts c JOIN enterprises e ON e.id = c.enterprise_id
         LEFT JOIN applications a ON a.contract_id = c.id
        WHERE c.supplier_id = $1
        ORDER BY c.signed_on DESC, c.id OFFSET $2 LIMIT $3`,
      [me.supplierId, (q.page - 1) * q.pageSize, q.pageSize],
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async contract(me: Principal, id: string) {
    const c = await this.db
      .getRepository(ContractRecord)
      .findOne({ where: { id }, relations: { lines: true } });
    if (!c || c.supplierId !== me.supplierId) notFound('contract');
    const settlements = await this.db
      .getRepository(SettlementRecord)
      .find({ where: { contractId: id }, order: { periodStart: 'ASC' } });
    const enterprise = await this.db.getRepository(EnterpriseRecord).findOneByOrFail({ id: c.enterpriseId });
    const files = await invoiceFilesOf(
      this.db,
      settlements.map((s) => s.id),
    );
    const settled = Money.sum(settlements.map((s) => s.amount));
    return {
      id: c.id,
      contractNumber: c.contractNumber,
      enterpriseName: enterprise.name,
      signedOn: c.signedOn,
      startDate: c.startDate,
      endDate: c.endDate,
      totalAmount: c.totalAmount.toString(),
      lines: c.lines.map((l) => ({ serviceKind: l.serviceKind, amount: l.amount.toString() })),
      // What is left to settle (ADR 0049): contract amount − Σ confirmed settlements, to the fen.
      settledAmount: settled.toString(),
      leftToSettle: leftToSettle(c.totalAmount, [settled]).toString(),
      settlements: settlements.map((s) => ({ ...this.view(s), invoiceFile: files.get(s.id) ?? null })),
    };
  }

  /**
   * Only the contract's own supplier confirms; the delivered period must lie within the contract and the
   * settled total may not exceed the contract amount (checked under a row lock on the contract).
   */
  async confirm(me: Principal, contractId: string, dto: ConfirmSettlementDto) {
    const saved = await this.db.transaction(async (tx) => {
      const c = await tx.findOne(ContractRecord, {
        where: { id: contractId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!c || c.supplierId !== me.supplierId) notFound('contract');
      if (compareDates(dto.periodStart, c.startDate) < 0 || compareDates(dto.periodEnd, c.endDate) > 0) {
        refused(
          'SETTLEMENT_OUTSIDE_CONTRACT',
          {
            zh: '交付期间超出合同期限',
            en: `The delivered period must lie within the contract (${c.startDate} … ${c.endDate})`,
          },
          'periodEnd',
        );
      }
      const [{ settled }] = await tx.query(
        `SELECT coalesce(sum(amount), 0)::text AS settled FROM settlements WHERE contract_id = $1`,
        [c.id],
      );
      const amount = Money.parse(dto.amount);
      if (Money.of(settled).plus(amount).gt(c.totalAmount)) {
        refused(
          'SETTLEMENT_EXCEEDS_CONTRACT',
          {
            zh: '结算累计金额超过合同金额',
            en: `Settled amounts would exceed the contract amount (${c.totalAmount.toString()})`,
          },
          'amount',
        );
      }
      const reused = await tx.existsBy(SettlementRecord, {
        supplierId: c.supplierId,
        invoiceNumber: dto.invoiceNumber,
      });
      if (reused) conflict('INVOICE_REUSED', 'This invoice number has already been confirmed (发票已使用)');
      const s = await tx.save(
        tx.create(SettlementRecord, {
          contractId: c.id,
          supplierId: c.supplierId,
          enterpriseId: c.enterpriseId,
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          amount,
          invoiceNumber: dto.invoiceNumber,
          invoiceDate: dto.invoiceDate,
          confirmedBy: me.userId,
        }),
      );
      await appendAudit(tx, me.userId, 'settlement.confirmed', ['settlement', s.id], {
        after: { contractId: c.id, ...dto },
      });
      return s;
    });
    // The settlement stands even if mail is down; the inbox row is written first and the failure logged.
    await this.notifyEnterprise(saved).catch((err) => this.logger.warn(`settlement notice not sent: ${err}`));
    return this.view(saved);
  }

  async settlements(me: Principal, q: PageQuery) {
    const [items, total] = await this.db.getRepository(SettlementRecord).findAndCount({
      where: { supplierId: me.supplierId! },
      order: { confirmedAt: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: items.map((s) => this.view(s)), total, page: q.page, pageSize: q.pageSize };
  }

  private async notifyEnterprise(s: SettlementRecord) {
    const enterprise = await this.db.getRepository(EnterpriseRecord).findOneByOrFail({ id: s.enterpriseId });
    const supplier = await this.db.getRepository(SupplierRecord).findOneByOrFail({ id: s.supplierId });
    const msg = settlementConfirmed({
      enterpriseName: enterprise.name,
      supplierName: supplier.nameZh,
      invoiceNumber: s.invoiceNumber,
      amount: s.amount,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
    });
    const users: { id: string; email: string }[] = await this.db.query(
      `SELECT id, email FROM users WHERE enterprise_id = $1 AND active`,
      [enterprise.id],
    );
    for (const u of users) {
      await this.notifier.notify({
        ...msg,
        dedupeKey: `settlement:${s.id}:${u.id}`,
        kind: 'settlement.confirmed',
        recipientUserId: u.id,
        recipientEmail: u.email,
        entityType: 'settlement',
        entityId: s.id,
      });
    }
  }

  private view(s: SettlementRecord) {
    return {
      id: s.id,
      contractId: s.contractId,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      amount: s.amount.toString(),
      invoiceNumber: s.invoiceNumber,
      invoiceDate: s.invoiceDate,
      confirmedAt: s.confirmedAt,
    };
  }
}
