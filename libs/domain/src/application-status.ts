import type { LocalizedText } from './program';

/**
 * The application's statuses as stored (applications.status) and read by the API and the console. The
 * application workflow is their only author: it moves through phases and writes the status of each phase
 * through `applicationStatusOf`; activities write what they are told.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'refused', // failed an automated eligibility check, or the cap / pool was gone at issuance
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
  'rejected',
  'issued',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Where the application workflow is in an application's life. */
export type ApplicationPhase =
  'submitted' | 'refused' | 'review' | 'second_approval' | 'supplement' | 'rejected' | 'issued' | 'closed';

/** The one phase → status map: what an application shows while its workflow is in a phase. */
export function applicationStatusOf(phase: ApplicationPhase): ApplicationStatus {
  switch (phase) {
    case 'submitted':
      return 'submitted';
    case 'refused':
      return 'refused';
    case 'review':
      return 'in_review';
    case 'second_approval':
      return 'awaiting_second_approval';
    case 'supplement':
      return 'supplement_requested';
    case 'rejected':
      return 'rejected';
    case 'issued':
    // The voucher's life has ended (used up, expired, withdrawn): the application stays issued; the
    // voucher's own status says how it ended.
    // falls through
    case 'closed':
      return 'issued';
  }
}

/** Statuses in which an application is still being decided (materials may still be added). */
export const UNDECIDED_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
];

export type ReviewTaskKind = 'review' | 'second_approval';
export type ReviewDecisionKind = 'approve' | 'reject' | 'request_supplement';

/**
 * What follows a reviewer's decision: an approval of the first review goes to a second approval when the
 * face value needs one, otherwise to issuance; a rejection ends the application; a supplement request hands
 * it back to the enterprise.
 */
export function phaseAfterDecision(input: {
  kind: ReviewTaskKind;
  decision: ReviewDecisionKind;
  needsSecondApproval: boolean;
}): 'second_approval' | 'issue' | 'rejected' | 'supplement' {
  switch (input.decision) {
    case 'reject':
      return 'rejected';
    case 'request_supplement':
      return 'supplement';
    case 'approve':
      return input.kind === 'review' && input.needsSecondApproval ? 'second_approval' : 'issue';
  }
}

export const SAME_REVIEWER_MESSAGE: LocalizedText = {
  zh: '复核须由与初审不同的审核人完成',
  en: 'The second approval must come from a different reviewer than the first',
};

/**
 * The four-eyes rule: the reviewer who approved first is excluded from the second approval, so they may
 * not claim, be assigned, or decide that task. Returns the refusal, or null when the reviewer may act.
 */
export function sameReviewerRefusal(
  task: { excludedUserId: string | null },
  reviewerId: string,
): { code: 'SAME_REVIEWER'; message: LocalizedText } | null {
  if (task.excludedUserId !== null && task.excludedUserId === reviewerId)
    return { code: 'SAME_REVIEWER', message: SAME_REVIEWER_MESSAGE };
  return null;
}
