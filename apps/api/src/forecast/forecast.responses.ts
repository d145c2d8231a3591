import { ApiProperty } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';

/** A program's budget forecast (ADR 0029). Amounts are decimal strings; dates ISO. */

class ForecastPeriod {
  @ApiProperty({ enum: ['total', 'per-year'] }) basis!: 'total' | 'per-year';
  @ApiProperty({ description: "'total' or the year" }) key!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

class UnderReview {
  @ApiProperty() applications!: number;
  @ApiProperty({ description: 'Applications without a quoted face value yet' }) unquoted!: number;
  @ApiProperty() amount!: string;
}

class PoolHolding {
  @ApiProperty() applications!: number;
  @ApiProperty() amount!: string;
}

class ClaimsPending {
  @ApiProperty() claims!: number;
  @ApiProperty() amount!: string;
}

class ForecastPipeline {
  @ApiProperty({ type: UnderReview }) underReview!: UnderReview;
  @ApiProperty({ type: PoolHolding }) poolHolding!: PoolHolding;
  @ApiProperty({ type: ClaimsPending }) claimsPending!: ClaimsPending;
  @ApiProperty() total!: string;
}

class ForecastBurn {
  @ApiProperty({ format: 'date' }) windowFrom!: string;
  @ApiProperty({ format: 'date' }) windowTo!: string;
  @ApiProperty() windowDays!: number;
  @ApiProperty() committedInWindow!: string;
  @ApiProperty() perDay!: string;
}

class ForecastMonth {
  @ApiProperty({ example: '2025-03' }) month!: string;
  @ApiProperty() committed!: string;
  @ApiProperty() cumulative!: string;
}

class ForecastFunder {
  @ApiProperty() funderCode!: string;
  @ApiProperty({ type: BilingualText }) funder!: BilingualText;
  @ApiProperty() share!: string;
  @ApiProperty({ type: String, nullable: true }) issued!: string | null;
  @ApiProperty() redeemed!: string;
  @ApiProperty({ type: String, nullable: true }) outstanding!: string | null;
  @ApiProperty({ type: String, nullable: true }) pipeline!: string | null;
  @ApiProperty({ type: String, nullable: true }) remaining!: string | null;
}

export class ProgramForecastResponse {
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: BilingualText }) programName!: BilingualText;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: ForecastPeriod }) period!: ForecastPeriod;
  @ApiProperty({ type: String, nullable: true, description: 'null: the program has no pool' }) budget!:
    string | null;
  @ApiProperty() committed!: string;
  @ApiProperty() issued!: string;
  @ApiProperty() redeemed!: string;
  @ApiProperty() outstanding!: string;
  @ApiProperty({ type: ForecastPipeline }) pipeline!: ForecastPipeline;
  @ApiProperty({ type: ForecastBurn }) burn!: ForecastBurn;
  @ApiProperty({ type: String, nullable: true }) remaining!: string | null;
  @ApiProperty({ type: String, nullable: true }) remainingAfterPipeline!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) runOutOn!: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft!: number | null;
  @ApiProperty() exhausted!: boolean;
  @ApiProperty() runsOutBeforePeriodEnd!: boolean;
  @ApiProperty({ type: [ForecastMonth] }) series!: ForecastMonth[];
  @ApiProperty({ type: [ForecastFunder] }) byFunder!: ForecastFunder[];
}

export class ForecastListResponse {
  @ApiProperty({ type: [ProgramForecastResponse] }) items!: ProgramForecastResponse[];
}
