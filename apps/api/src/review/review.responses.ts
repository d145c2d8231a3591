import { IntersectionType } from '@nestjs/swagger';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Answers of the review queue (review.service.ts). Timestamps are ISO date-times, money decimal strings. */

const TASK_KINDS = ['review', 'second_approval'];
const TASK_STATUSES = ['open', 'completed', 'cancelled'];

/** A review task: its application and program, what kind it is and how it stands. */
class ReviewTaskKeys extends Fields({
  id: is.uuid,
  applicationId: is.uuid,
  programCode: is.text,
  kind: is.oneOf(TASK_KINDS),
  status: is.oneOf(TASK_STATUSES),
}) {}

/** The enterprise that applied and the face value quoted to it. */
class ReviewTaskApplicant extends Fields({
  enterpriseId: is.uuid,
  enterpriseName: is.text,
  quotedFaceValue: is.moneyOrNull,
}) {}

/** When the task is due, and when it was reminded of and escalated. */
class ReviewTaskDeadline extends Fields({
  dueAt: is.instant,
  remindedAt: is.instantOrNull,
  escalatedAt: is.instantOrNull,
}) {}

class QueueRowAssignment extends Fields({
  round: is.numeric.about('Review round (1, then 2… after a supplement)'),
  assigneeId: is.uuidOrNull,
  assigneeName: is.textOrNull,
  excludedUserId: is.uuidOrNull.about('Who may not take it (four eyes)'),
}) {}

/** One row of the queue as its page statement selects it. */
export class ReviewQueueRowResponse extends Fields(
  IntersectionType(ReviewTaskKeys, QueueRowAssignment, ReviewTaskApplicant, ReviewTaskDeadline),
  {
    createdAt: is.instant,
    overdue: is.flag.about('Past its due time'),
    applicationNumber: is.text.about('First 8 characters of the application id, upper case'),
    contractNumber: is.textOrNull,
    submittedOn: is.textOrNull.about('The application’s submission day'),
  },
) {}

export class ReviewQueuePage extends Fields({
  items: [ReviewQueueRowResponse],
  total: is.numeric.about('Matching tasks, counted up to a cap'),
  totalExact: is.flag.about('false: more tasks than the cap match and `total` is a lower bound'),
  page: is.numeric,
  pageSize: is.numeric,
}) {}

export class ReviewAssigneeResponse extends Fields({
  id: is.uuid,
  displayName: is.text,
  role: is.oneOf(['reviewer', 'senior_reviewer']),
}) {}

class TaskAssignment extends Fields({
  candidateRole: is.oneOf(['reviewer', 'senior_reviewer']),
  assigneeId: is.uuidOrNull,
  excludedUserId: is.uuidOrNull,
}) {}

class TaskRound extends Fields({
  round: is.numeric,
}) {}

/** A review task as stored (after claim, release or assign). */
export class ReviewTaskResponse extends Fields(
  IntersectionType(ReviewTaskKeys, TaskAssignment, ReviewTaskApplicant, TaskRound, ReviewTaskDeadline),
  {
    outcome: is.textOrNull,
    reason: is.textOrNull,
    completedBy: is.uuidOrNull,
    completedAt: is.instantOrNull,
    createdAt: is.instant,
  },
) {}

export class ReviewDecisionResponse extends Fields({
  taskId: is.uuid,
  applicationId: is.uuid,
  decision: is.oneOf(['approve', 'reject', 'request_supplement']),
  applicationStatus: is.text.about('The application’s status after the decision'),
}) {}
