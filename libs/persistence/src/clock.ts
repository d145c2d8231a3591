import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { businessDateOf, isBusinessDate, type BusinessDate } from '@app/domain';

export class SandboxClockDisabledError extends Error {
  constructor() {
    super('the sandbox business clock is disabled (SANDBOX_CLOCK=false)');
  }
}

/**
 * The one source of "today" for business rules. In sandbox mode (never in production) an admin may pin
 * the business date so a bureau can rehearse a program year; the wall clock still drives timestamps.
 */
@Injectable()
export class BusinessClock {
  constructor(
    private readonly env: AppEnv,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  now(): Date {
    return new Date();
  }

  get sandbox(): boolean {
    return this.env.SANDBOX_CLOCK;
  }

  async today(): Promise<BusinessDate> {
    if (this.env.SANDBOX_CLOCK) {
      const [row] = await this.db.query(
        `SELECT to_char(business_date, 'YYYY-MM-DD') AS d FROM sandbox_clock WHERE id = 1`,
      );
      if (row?.d) return row.d as BusinessDate;
    }
    return businessDateOf(this.now());
  }

  /** Pins (or with null, releases) the sandbox business date. */
  async setBusinessDate(date: BusinessDate | null, userId: string): Promise<void> {
    if (!this.env.SANDBOX_CLOCK) throw new SandboxClockDisabledError();
    if (date !== null && !isBusinessDate(date)) throw new Error(`not a business date: ${date}`);
    await this.db.query(
      `UPDATE sandbox_clock SET business_date = $1, set_by = $2, set_at = now() WHERE id = 1`,
      [date, userId],
    );
  }
}
