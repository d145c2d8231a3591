import { Body } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Money,
  REASON_MESSAGES,
  isAfter,
  isBefore,
  isWithinRegion,
  settlementDiscount,
  spendingKey,
} from '@app/domain';
import { ProgramCatalog, appendAudit, rowsOf } from '@app/persistence';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { conflict, refused } from '../common/errors';
import { ApiController, ApiGet, ApiPost } from '../common/routes';
import { RecordSettlementDiscountDto } from './settlement-discounts.dto';
import { SettlementDiscountPageResponse, SettlementDiscountResponse } from './settlement-discounts.responses';

const SELECT = `
  SELECT d.id, d.program_code AS "programCode", d.program_version AS "programVersion", d.supplier_id AS "supplierId",
         s.code AS "supplierCode", d.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
         d.invoice_number AS "invoiceNumber", to_char(d.settled_on, 'YYYY-MM-DD') AS "settledOn",
         d.list_amount::text AS "listAmount", d.core_industry AS "coreIndustry", d.tier, d.factor::text AS factor,
         d.payable::text AS payable, d.subsidy::text AS subsidy, d.spending_key AS "spendingKey", d.created_at AS "createdAt"
    FROM settlement_discounts d JOIN suppliers s ON s.id = d.supplier_id JOIN enterprises e ON e.id = d.enterprise_id`;

/**
 * Discounts applied at settlement (泰州市姜堰区算力券, ADR 0024): no application — the listed supplier
 * settles the purchase at the tier's price and the subsidy (the rest) is recorded once per invoice, as
 * funded spending every other program's resolver sees.
 */
@ApiController('settlement-discounts', 'settlement-discounts')
export class SettlementDiscountsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
  ) {}

  @ApiPost('', '登记结算优惠 · Record a settlement discount', SettlementDiscountResponse)
  @Roles('supplier')
  async record(@CurrentUser() me: Principal, @Body() dto: RecordSettlementDiscountDto) {
    const programCode = dto.programCode ?? 'taizhou-jiangyan';
    const snapshot = await this.catalog.inForce(programCode, dto.settledOn).catch(() => null);
    if (!snapshot || snapshot.definition.allocation !== 'at-settlement')
      refused('UNKNOWN_PROGRAM', `No discount at settlement: ${programCode}`, 'programCode');
    const program = snapshot.definition;
    if (isBefore(dto.settledOn, program.planStart) || isAfter(dto.settledOn, program.planEnd))
      refused(
        'PLAN_CLOSED',
        { zh: '结算日期不在政策实施期内', en: 'The settlement is outside the plan' },
        'settledOn',
      );
    const [supplier] = rowsOf<{ id: string; code: string }>(
      await this.db.query(`SELECT id, code FROM suppliers WHERE id = $1`, [me.supplierId]),
    );
    const listed = await this.catalog.suppliersInForce(programCode, dto.settledOn);
    if (!supplier || !listed.includes(supplier.code))
      refused('SETTLEMENT_SUPPLIER_NOT_LISTED', REASON_MESSAGES.SETTLEMENT_SUPPLIER_NOT_LISTED);
    const [enterprise] = rowsOf<{ id: string; registration_region: string }>(
      await this.db.query(`SELECT id, registration_region FROM enterprises WHERE id = $1`, [
        dto.enterpriseId,
      ]),
    );
    if (!enterprise) refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'enterpriseId');
    if (!isWithinRegion(program.region, enterprise.registration_region))
      refused('SETTLEMENT_NOT_IN_REGION', REASON_MESSAGES.SETTLEMENT_NOT_IN_REGION, 'enterpriseId');
    const discount = settlementDiscount(program, {
      listAmount: Money.parse(dto.listAmount),
      coreIndustry: dto.coreIndustry,
    });
    const key = spendingKey({
      supplierCode: supplier.code,
      contractNumber: '',
      lineNo: 0,
      invoiceNumber: dto.invoiceNumber,
    });
    const id = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
      const funded = rowsOf<{ program_code: string }>(
        await tx.query(
          `SELECT program_code FROM funded_spending WHERE spending_key = $1 AND status = 'active'`,
          [key],
        ),
      );
      const recorded = rowsOf(
        await tx.query(`SELECT 1 FROM settlement_discounts WHERE spending_key = $1`, [key]),
      );
      if (funded.length || recorded.length)
        conflict(
          'SPENDING_ALREADY_FUNDED',
          `${REASON_MESSAGES.SPENDING_ALREADY_FUNDED.en} (${REASON_MESSAGES.SPENDING_ALREADY_FUNDED.zh})`,
        );
      const [row] = rowsOf<{ id: string }>(
        await tx.query(
          `INSERT INTO settlement_discounts (program_code, program_version, supplier_id, enterprise_id, invoice_number,
                                            settled_on, list_amount, core_industry, tier, factor, payable, subsidy,
                                            spending_key, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
          [
            programCode,
            snapshot.version,
            supplier.id,
            enterprise.id,
            dto.invoiceNumber.trim(),
            dto.settledOn,
            dto.listAmount,
            dto.coreIndustry,
            discount.tierIndex + 1,
            discount.factor,
            discount.payable.toString(),
            discount.subsidy.toString(),
            key,
            me.userId,
          ],
        ),
      );
      if (discount.subsidy.isPositive())
        await tx.query(
          `INSERT INTO funded_spending (spending_key, role, program_code, program_version, enterprise_id,
                                        settlement_discount_id, base, amount, reason_code)
           VALUES ($1, 'primary', $2, $3, $4, $5, $6, $7, 'CROSS_PROGRAM_FIRST_FUNDING')`,
          [
            key,
            programCode,
            snapshot.version,
            enterprise.id,
            row.id,
            dto.listAmount,
            discount.subsidy.toString(),
          ],
        );
      await appendAudit(tx, me.userId, 'settlement_discount.recorded', ['settlement_discount', row.id], {
        after: {
          programCode,
          enterpriseId: enterprise.id,
          invoiceNumber: dto.invoiceNumber,
          listAmount: dto.listAmount,
          coreIndustry: dto.coreIndustry,
          tier: discount.tierIndex + 1,
          factor: discount.factor,
          payable: discount.payable.toString(),
          subsidy: discount.subsidy.toString(),
        },
      });
      return row.id;
    });
    const [view] = await this.db.query(`${SELECT} WHERE d.id = $1`, [id]);
    return view;
  }

  @ApiGet('', '结算优惠列表 · List settlement discounts', SettlementDiscountPageResponse)
  @Roles('admin', 'finance', 'supplier')
  async list(@CurrentUser() me: Principal) {
    const rows =
      me.role === 'supplier'
        ? await this.db.query(`${SELECT} WHERE d.supplier_id = $1 ORDER BY d.created_at DESC`, [
            me.supplierId,
          ])
        : await this.db.query(`${SELECT} ORDER BY d.created_at DESC`);
    const total = rows.reduce(
      (s: Money, r: { subsidy: string }) => s.plus(Money.parse(r.subsidy)),
      Money.zero(),
    );
    return { items: rows, total: rows.length, subsidyTotal: total.toString() };
  }
}
