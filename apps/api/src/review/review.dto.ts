import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsMoneyAmount } from '../common/money.validators';
import { PageQuery } from '../common/pagination';

export const QUEUE_VIEWS = ['all', 'unassigned', 'mine', 'due_soon', 'overdue'] as const;

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QUEUE_VIEWS, default: 'all' })
  @IsOptional()
  @IsIn(QUEUE_VIEWS)
  view: (typeof QUEUE_VIEWS)[number] = 'all';

  @ApiPropertyOptional({ enum: ['review', 'second_approval'] })
  @IsOptional()
  @IsIn(['review', 'second_approval'])
  kind?: 'review' | 'second_approval';

  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled'])
  status: 'open' | 'completed' | 'cancelled' = 'open';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;

  @ApiPropertyOptional({ description: 'Part of the enterprise name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  enterprise?: string;

  @ApiPropertyOptional({ example: '100000.00' })
  @IsOptional()
  @IsMoneyAmount()
  minAmount?: string;

  @ApiPropertyOptional({ example: '2000000.00' })
  @IsOptional()
  @IsMoneyAmount()
  maxAmount?: string;

  @ApiPropertyOptional({
    enum: ['due_at', '-due_at', 'amount', '-amount', 'created_at', '-created_at'],
    default: 'due_at',
  })
  @IsOptional()
  @IsIn(['due_at', '-due_at', 'amount', '-amount', 'created_at', '-created_at'])
  sort: string = 'due_at';
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (UUID)' })
  userId!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject', 'request_supplement'] })
  @IsIn(['approve', 'reject', 'request_supplement'], {
    message: 'decision must be approve, reject or request_supplement',
  })
  decision!: 'approve' | 'reject' | 'request_supplement';

  @ApiPropertyOptional({ description: 'Required when rejecting or requesting supplementary material' })
  @ValidateIf((o: DecisionDto) => o.decision !== 'approve' || o.reason !== undefined)
  @IsString({ message: 'reason is required when rejecting or requesting supplementary material' })
  @MaxLength(2000)
  reason?: string;
}
