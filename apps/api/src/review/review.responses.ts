import { ApiProperty, IntersectionType } from '@nestjs/swagger';

/** Answers of the review queue (review.service.ts). Timestamps are ISO date-times, money decimal strings. */

const TASK_KINDS = ['review', 'second_approval'];
const TASK_STATUSES = ['open', 'completed', 'cancelled'];

/** A review task: its application and program, what kind it is and how it stands. */
class ReviewTaskKeys {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
}

/** The enterprise that applied and the face value quoted to it. */
class ReviewTaskApplicant {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ type: String, nullable: true, example: '1234.56' }) quotedFaceValue!: string | null;
}

/** When the task is due, and when it was reminded of and escalated. */
class ReviewTaskDeadline {
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) remindedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalatedAt!: string | null;
}

class QueueRowAssignment {
  @ApiProperty({ description: 'Review round (1, then 2… after a supplement)' }) round!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who may not take it (four eyes)',
  })
  excludedUserId!: string | null;
}

/** One row of the queue as its page statement selects it. */
export class ReviewQueueRowResponse extends IntersectionType(
  ReviewTaskKeys,
  QueueRowAssignment,
  ReviewTaskApplicant,
  ReviewTaskDeadline,
) {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Past its due time' }) overdue!: boolean;
  @ApiProperty({ description: 'First 8 characters of the application id, upper case' })
  applicationNumber!: string;
  @ApiProperty({ type: String, nullable: true }) contractNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The application’s submission day' })
  submittedOn!: string | null;
}

export class ReviewQueuePage {
  @ApiProperty({ type: [ReviewQueueRowResponse] }) items!: ReviewQueueRowResponse[];
  @ApiProperty({ description: 'Matching tasks, counted up to a cap' }) total!: number;
  @ApiProperty({ description: 'false: more tasks than the cap match and `total` is a lower bound' })
  totalExact!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReviewAssigneeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['reviewer', 'senior_reviewer'] }) role!: string;
}

class TaskAssignment {
  @ApiProperty({ enum: ['reviewer', 'senior_reviewer'] }) candidateRole!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) excludedUserId!: string | null;
}

class TaskRound {
  @ApiProperty() round!: number;
}

/** A review task as stored (after claim, release or assign). */
export class ReviewTaskResponse extends IntersectionType(
  ReviewTaskKeys,
  TaskAssignment,
  ReviewTaskApplicant,
  TaskRound,
  ReviewTaskDeadline,
) {
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) completedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReviewDecisionResponse {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: ['approve', 'reject', 'request_supplement'] }) decision!: string;
  @ApiProperty({ description: 'The application’s status after the decision' }) applicationStatus!: string;
}
