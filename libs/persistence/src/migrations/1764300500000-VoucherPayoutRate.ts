import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate a voucher's invoices are paid at when its contract lines earn different rates (Hangzhou,
 * Zhejiang, Guizhou, Wuhu 数据券, Shenzhen 训力券): fixed at issuance from the lines, so the quarterly run
 * pays what the voucher was computed from. NULL = the program version's single rate.
 */
export class VoucherPayoutRate1764300500000 implements MigrationInterface {
  name = 'VoucherPayoutRate1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE vouchers ADD COLUMN payout_rate numeric(12,10) CHECK (payout_rate >= 0 AND payout_rate <= 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vouchers DROP COLUMN payout_rate`);
  }
}
