import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsMoneyAmount } from '../common/money.validators';
import { PageQuery } from '../common/pagination';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

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

/** A reviewer's comment on an application. */
export class CommentDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: '合同金额与发票一致，建议通过。' })
  @IsString({ message: 'body must be text' })
  @Matches(/\S/, { message: 'body must not be empty' })
  @MaxLength(2000, { message: 'body must be at most 2000 characters' })
  body!: string;
}

export class CommentResponse extends Fields({
  id: is.uuid,
  applicationId: is.uuid,
  authorId: is.uuid,
  authorName: is.text.about('The author’s display name'),
  authorRole: is.oneOf(['reviewer', 'senior_reviewer', 'admin']),
  body: is.text,
  createdAt: is.instant,
}) {}

export class QueueTabCount extends Fields({
  count: is.numeric.about('Tasks on this tab (counted up to the cap)'),
  exact: is.flag.about('false: more than the cap, `count` is a lower bound'),
}) {}

/** The count on each tab of the queue, under the list's filters. */
export class QueueCountsResponse extends Fields({
  all: QueueTabCount,
  unassigned: QueueTabCount,
  mine: QueueTabCount,
  due_soon: QueueTabCount,
  overdue: QueueTabCount,
}) {}
