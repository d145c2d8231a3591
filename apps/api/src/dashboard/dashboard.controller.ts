import { Query } from '@nestjs/common';
import { Money, splitByShares } from '@app/domain';
import { BusinessClock, ProgramCatalog } from '@app/persistence';
import { Roles } from '../auth/decorators';
import { ApiController, ApiGet } from '../common/routes';
import { DashboardBudget, DashboardQuery, ProgramBudget } from './dashboard.dto';
import { DashboardRepository } from './dashboard.repository';

/** Finance's budget view: the figures from the repository, each funder's share of what is left here. */
@ApiController('finance', 'dashboard')
@Roles('finance', 'admin')
export class DashboardController {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly catalog: ProgramCatalog,
    private readonly clock: BusinessClock,
  ) {}

  @ApiGet('budget', '预算看板 · Budget dashboard figures', DashboardBudget)
  async budget(@Query() q: DashboardQuery): Promise<DashboardBudget> {
    const program = q.programCode ?? 'beijing-ai-compute-2023';
    const { totals, byQuarter, capUse, rolledOver, paidByFunder, pools } =
      await this.repository.budget(program);
    // Each funder's part of what the pool has left, split like its payments (exact to the fen).
    const today = await this.clock.today();
    const { definition } = await this.catalog.inForce(program, today);
    const pool = pools.find((p) => p.period === 'total') ?? pools.at(-1);
    const remainingParts = pool ? splitByShares(Money.parse(pool.remaining), definition.fundingShares) : [];
    const byFunder = definition.fundingShares.map((f) => ({
      funderCode: f.funderCode,
      funder: f.funder,
      share: f.share,
      paid: paidByFunder.find((p) => p.funderCode === f.funderCode)?.paid ?? '0.00',
      remaining: remainingParts.find((r) => r.funderCode === f.funderCode)?.amount.toString() ?? null,
    }));
    const budgets = await this.budgets(today);
    return { programCode: program, totals, byQuarter, capUse, rolledOver, byFunder, pools, budgets };
  }

  /**
   * Each program's budget as its version in force today sets it (the whole plan's pool, else this year's)
   * and what is left once the pool's commitments are taken; a program without a pool has none (null).
   */
  private async budgets(today: string): Promise<ProgramBudget[]> {
    const pools = await this.repository.poolsOfPrograms();
    const out: ProgramBudget[] = [];
    for (const code of await this.repository.programCodes()) {
      const inForce = await this.catalog.inForce(code, today).catch(() => null);
      if (!inForce) continue; // no version in force yet: nothing to budget
      const d = inForce.definition;
      const period =
        d.budgetPoolTotal !== null ? 'total' : d.budgetPoolPerYear !== null ? today.slice(0, 4) : null;
      const budget = d.budgetPoolTotal ?? d.budgetPoolPerYear;
      if (period === null || budget === null) {
        out.push({
          programCode: code,
          name: d.name,
          period: null,
          budget: null,
          committed: null,
          remaining: null,
        });
        continue;
      }
      const pool = pools.find((p) => p.programCode === code && p.period === period);
      // The pool's own budget once it exists (it is written from the definition when first taken).
      const total = Money.parse(pool?.budget ?? budget);
      const committed = Money.parse(pool?.committed ?? '0');
      out.push({
        programCode: code,
        name: d.name,
        period,
        budget: total.toString(),
        committed: committed.toString(),
        remaining: total.minus(committed).toString(),
      });
    }
    return out;
  }
}
