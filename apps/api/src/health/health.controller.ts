import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { TEMPORAL_CLIENT } from '@app/temporal';
import { Public } from '../auth/decorators';
import { PassthroughRes } from '../common/routes';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

class DependencyStatus extends Fields({
  status: is.exactly('up', 'down'),
  latencyMs: is.numeric,
  error: is.text.about('Why it is down').optional(),
}) {}

class HealthResponse extends Fields({
  status: is.exactly('ok', 'degraded'),
  database: DependencyStatus,
  temporal: DependencyStatus,
}) {}

async function probe(fn: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = process.hrtime.bigint();
  const ms = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out after 3000 ms')), 3000).unref(),
      ),
    ]);
    return { status: 'up', latencyMs: ms() };
  } catch (err) {
    return { status: 'down', latencyMs: ms(), error: err instanceof Error ? err.message : String(err) };
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal both answer.', type: HealthResponse })
  @ApiServiceUnavailableResponse({
    description: 'At least one dependency is down; the body says which.',
    type: HealthResponse,
  })
  @ApiOperation({ summary: '健康检查 · Health of PostgreSQL and Temporal' })
  async check(@PassthroughRes() res: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', database, temporal };
  }
}
