import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { appendAudit } from '@app/persistence';

/** Per client address: at most VERIFY_LIMIT calls in any VERIFY_WINDOW_MS (a sliding log). */
export const VERIFY_LIMIT = 20;
export const VERIFY_WINDOW_MS = 60_000;

/**
 * The log is a table, not process memory: the API runs several processes (ADR 0052) and a limit kept in
 * each would multiply by their number. One address's calls are counted one at a time (a transaction lock
 * on the address), so simultaneous calls cannot all slip under the limit.
 */
@Injectable()
export class VerificationRateLimit implements CanActivate {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const client = (req.ip ?? 'unknown').slice(0, 100);
    const retryInSeconds = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('public-call:' || $1))`, [client]);
      const [{ calls, oldest }] = (await tx.query(
        `WITH pruned AS (
           DELETE FROM public_call_log WHERE at < now() - make_interval(secs => $2 / 1000.0)
         )
         SELECT count(*)::int AS calls, min(at) AS oldest FROM public_call_log
          WHERE client = $1 AND at >= now() - make_interval(secs => $2 / 1000.0)`,
        [client, VERIFY_WINDOW_MS],
      )) as { calls: number; oldest: Date | null }[];
      if (calls < VERIFY_LIMIT) {
        await tx.query(`INSERT INTO public_call_log (client) VALUES ($1)`, [client]);
        return null;
      }
      // The first refusal of a window is counted too, so the next ones are known not to be the first:
      // one audit row per window and address, not one per refused call.
      if (calls === VERIFY_LIMIT) {
        await tx.query(`INSERT INTO public_call_log (client) VALUES ($1)`, [client]);
        await appendAudit(
          tx,
          `public:${client}`,
          'voucher.verification_rate_limited',
          ['request', 'POST /public/voucher-verifications'],
          { after: { ip: client, limit: VERIFY_LIMIT, windowSeconds: VERIFY_WINDOW_MS / 1000 } },
        );
      }
      const elapsed = Date.now() - (oldest?.getTime() ?? Date.now());
      return Math.max(1, Math.ceil((VERIFY_WINDOW_MS - elapsed) / 1000));
    });
    if (retryInSeconds === null) return true;
    throw new HttpException(
      {
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `Too many verification requests; retry in ${retryInSeconds} s (查询过于频繁，请稍后再试)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
