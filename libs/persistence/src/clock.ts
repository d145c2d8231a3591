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

/** The pinned sandbox date as SQL (a scalar: 'YYYY-MM-DD', or null when none is pinned). */
export const SANDBOX_TODAY_SQL = `(SELECT to_char(business_date, 'YYYY-MM-DD') FROM sandbox_clock WHERE id = 1)`;

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
    if (!this.env.SANDBOX_CLOCK) return businessDateOf(this.now());
    const [row] = (await this.db.query(`SELECT ${SANDBOX_TODAY_SQL} AS d`)) as { d: string | null }[];
    return this.todayFrom(row?.d);
  }

  /**
   * Where today is kept in the database (sandbox mode), the SQL that reads it, for a statement the caller
   * sends anyway to carry as a column (a list page then costs one round trip, not two); null otherwise.
   */
  get todaySql(): string | null {
    return this.env.SANDBOX_CLOCK ? SANDBOX_TODAY_SQL : null;
  }

  /** Today, given what `todaySql` read (null or absent: no date pinned, or not in sandbox mode). */
  todayFrom(read: string | null | undefined): BusinessDate {
    return this.env.SANDBOX_CLOCK && read ? (read as BusinessDate) : businessDateOf(this.now());
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
