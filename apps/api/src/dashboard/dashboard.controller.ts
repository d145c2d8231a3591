import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Money, splitByShares } from '@app/domain';
import { BusinessClock, ProgramCatalog } from '@app/persistence';
import { Roles } from '../auth/decorators';
import { DashboardQuery } from './dashboard.dto';
import { DashboardRepository } from './dashboard.repository';

/** Finance's budget view: the figures from the repository, each funder's share of what is left here. */
@ApiTags('finance')
@ApiBearerAuth()
@Controller('dashboard')
@Roles('finance', 'admin')
export class DashboardController {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly catalog: ProgramCatalog,
    private readonly clock: BusinessClock,
  ) {}

  @Get('budget')
  @ApiOperation({ summary: '预算看板 · Budget dashboard figures' })
  async budget(@Query() q: DashboardQuery) {
    const program = q.programCode ?? 'beijing-ai-compute-2023';
    const { totals, byQuarter, capUse, rolledOver, paidByFunder, pools } =
      await this.repository.budget(program);
    // Each funder's part of what the pool has left, split like its payments (exact to the fen).
    const { definition } = await this.catalog.inForce(program, await this.clock.today());
    const pool = pools.find((p) => p.period === 'total') ?? pools.at(-1);
    const remainingParts = pool ? splitByShares(Money.parse(pool.remaining), definition.fundingShares) : [];
    const byFunder = definition.fundingShares.map((f) => ({
      funderCode: f.funderCode,
      funder: f.funder,
      share: f.share,
      paid: paidByFunder.find((p) => p.funderCode === f.funderCode)?.paid ?? '0.00',
      remaining: remainingParts.find((r) => r.funderCode === f.funderCode)?.amount.toString() ?? null,
    }));
    return { programCode: program, totals, byQuarter, capUse, rolledOver, byFunder, pools };
  }
}
