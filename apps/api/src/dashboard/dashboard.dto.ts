import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Fields } from '../common/fields';
import { BilingualText } from '../common/openapi';
import * as is from '../common/field-kinds';

export class DashboardQuery {
  @ApiPropertyOptional({ default: 'beijing-ai-compute-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;
}

export class DashboardTotals extends Fields({
  issued: is.money,
  redeemed: is.money.about('Paid payouts'),
  lapsed: is.money.about('Unpaid rest of expired or withdrawn vouchers'),
  outstanding: is.money.about('issued − redeemed − lapsed: the byQuarter total'),
  vouchers: is.numeric,
}) {}

export class DashboardQuarter extends Fields({
  year: is.numeric,
  quarter: is.numeric,
  issued: is.money,
  redeemed: is.money,
  lapsed: is.money,
  outstanding: is.money.about('Cumulative to the end of the quarter'),
}) {}

export class ProgramBudget extends Fields({
  programCode: is.text,
  name: BilingualText,
  period: is.textOrNull.eg('total').about("'total' or a year; null: no pool"),
  budget: is.moneyOrNull,
  committed: is.moneyOrNull,
  remaining: is.moneyOrNull,
}) {}

export class DashboardBudget extends Fields({
  programCode: is.text,
  totals: DashboardTotals,
  byQuarter: [DashboardQuarter],
  capUse: is.objectList,
  rolledOver: is.objectList,
  byFunder: is.objectList,
  pools: is.objectList,
  budgets: is.listOf(ProgramBudget).about("Every program's budget and what is left of it"),
}) {}
