import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { EligibilityActivities, EligibilityOutcome } from '../activities/eligibility.activities';

const { runEligibilityChecks } = proxyActivities<EligibilityActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

export interface ApplicationWorkflowInput {
  applicationId: string;
  programCode: string;
}

/**
 * One per application (id `application:<id>`). Stage one: the automated eligibility checks, whose
 * results the activity records on the application; the review stages follow.
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<EligibilityOutcome> {
  upsertSearchAttributes({ ProgramCode: [input.programCode], ApplicationStatus: ['checking'] });
  const outcome = await runEligibilityChecks(input.applicationId);
  upsertSearchAttributes({ ApplicationStatus: [outcome.eligible ? 'in_review' : 'refused'] });
  return outcome;
}
