import { PROGRESS_STEPS } from '@app/domain';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** One step of the enterprise's progress tracker (ADR 0049). */
export class ProgressStepResponse extends Fields({
  key: is.oneOf(PROGRESS_STEPS).eg('review'),
  state: is.oneOf(['done', 'current', 'pending', 'stopped']).eg('current'),
  doneOn: is.dayOrNull.about('The day it happened').optional(),
  dueOn: is.dayOrNull.about('The promised time limit').optional(),
  late: is.flag.about('Done after its due date, or still not done past it'),
}) {}

export class ApplicationProgressResponse extends Fields({
  applicationId: is.uuid,
  status: is.text.eg('in_review'),
  reviewWorkingDays: is.numeric
    .eg(5)
    .about('The review time limit in working days (REVIEW_DUE_WORKING_DAYS)'),
  steps: [ProgressStepResponse],
}) {}
