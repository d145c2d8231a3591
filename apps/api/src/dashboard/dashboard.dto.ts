import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DashboardQuery {
  @ApiPropertyOptional({ default: 'beijing-ai-compute-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;
}

export class DashboardTotals {
  @ApiProperty({ example: '838356.16' }) issued!: string;
  @ApiProperty({ example: '200000.00', description: 'Paid payouts' }) redeemed!: string;
  @ApiProperty({ example: '0.00', description: 'Unpaid rest of expired or withdrawn vouchers' })
  lapsed!: string;
  @ApiProperty({ example: '638356.16', description: 'issued − redeemed − lapsed: the byQuarter total' })
  outstanding!: string;
  @ApiProperty() vouchers!: number;
}

export class DashboardQuarter {
  @ApiProperty() year!: number;
  @ApiProperty() quarter!: number;
  @ApiProperty() issued!: string;
  @ApiProperty() redeemed!: string;
  @ApiProperty() lapsed!: string;
  @ApiProperty({ description: 'Cumulative to the end of the quarter' }) outstanding!: string;
}

export class ProgramBudget {
  @ApiProperty() programCode!: string;
  @ApiProperty({ example: { zh: '河南省算力券', en: 'Henan compute vouchers' } })
  name!: { zh: string; en: string };
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'total',
    description: "'total' or a year; null: no pool",
  })
  period!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '50000000.00' }) budget!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '300000.00' }) committed!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '49700000.00' }) remaining!: string | null;
}

export class DashboardBudget {
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: DashboardTotals }) totals!: DashboardTotals;
  @ApiProperty({ type: [DashboardQuarter] }) byQuarter!: DashboardQuarter[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) capUse!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) rolledOver!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) byFunder!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) pools!: unknown[];
  @ApiProperty({ type: [ProgramBudget], description: "Every program's budget and what is left of it" })
  budgets!: ProgramBudget[];
}
