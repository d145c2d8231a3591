import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRESS_STEPS } from '@app/domain';

/** One step of the enterprise's progress tracker (ADR 0049). */
export class ProgressStepResponse {
  @ApiProperty({ enum: PROGRESS_STEPS, example: 'review' }) key!: string;
  @ApiProperty({ enum: ['done', 'current', 'pending', 'stopped'], example: 'current' }) state!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'The day it happened' })
  doneOn!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date',
    description: 'The promised time limit',
  })
  dueOn!: string | null;

  @ApiProperty({ description: 'Done after its due date, or still not done past it' }) late!: boolean;
}

export class ApplicationProgressResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: 'in_review' }) status!: string;
  @ApiProperty({ example: 5, description: 'The review time limit in working days (REVIEW_DUE_WORKING_DAYS)' })
  reviewWorkingDays!: number;
  @ApiProperty({ type: [ProgressStepResponse] }) steps!: ProgressStepResponse[];
}
