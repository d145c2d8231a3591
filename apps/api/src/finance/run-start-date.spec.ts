import { UnprocessableEntityException } from '@nestjs/common';
import type { AppEnv } from '@app/config';
import type { BusinessClock } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { RunsController } from './runs.controller';

const ME = { userId: 'finance-1', role: 'finance' } as unknown as Principal;

/**
 * Starting a run by hand before its quarter's run date (ADR 0044): refused on the real calendar, with a
 * reason code and both languages, before anything reaches Temporal. The clock is the one stand-in.
 */
describe('RunsController.start and the run date', () => {
  const controller = (today: string, sandbox: boolean) =>
    new RunsController(
      undefined as never,
      undefined as never,
      { TEMPORAL_TASK_QUEUE: 'unused' } as AppEnv,
      undefined as never,
      undefined as never,
      { today: async () => today, sandbox } as unknown as BusinessClock,
    );

  it('refuses 2025 Q4 on 2025-12-30 outside the sandbox with RUN_BEFORE_RUN_DATE', async () => {
    const err = await controller('2025-12-30', false)
      .start({ year: 2025, quarter: 4 }, ME)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityException);
    const body = (err as UnprocessableEntityException).getResponse() as {
      code: string;
      messages: { zh: string; en: string };
      errors: { field: string }[];
    };
    expect(body.code).toBe('RUN_BEFORE_RUN_DATE');
    expect(body.messages.zh).toBe('未到该季度兑付日，暂不能发起兑付批次');
    expect(body.errors[0].field).toBe('quarter');
  });

  it('lets the run date itself through (it then reaches Temporal, absent here)', async () => {
    const err = await controller('2025-12-31', false)
      .start({ year: 2025, quarter: 4 }, ME)
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(UnprocessableEntityException);
  });

  it('lets a sandbox rehearsal start a run early', async () => {
    const err = await controller('2025-10-09', true)
      .start({ year: 2025, quarter: 4 }, ME)
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(UnprocessableEntityException);
  });
});
