import {
  APPLICATION_STATUSES,
  applicationStatusOf,
  phaseAfterDecision,
  sameReviewerRefusal,
  type ApplicationPhase,
} from './application-status';

describe('application status: one phase → status map', () => {
  /** The status each phase shows: every phase, so the map is checked whole. */
  const SHOWN: Record<ApplicationPhase, string> = {
    submitted: 'submitted',
    refused: 'refused',
    review: 'in_review',
    second_approval: 'awaiting_second_approval',
    supplement: 'supplement_requested',
    rejected: 'rejected',
    issued: 'issued',
    closed: 'issued',
  };
  it.each(Object.entries(SHOWN) as [ApplicationPhase, string][])('phase %s shows %s', (phase, status) => {
    expect(applicationStatusOf(phase)).toBe(status);
  });

  it('every status the map writes is a stored status, and the dead "checking" is gone', () => {
    for (const p of Object.keys(SHOWN) as ApplicationPhase[])
      expect(APPLICATION_STATUSES).toContain(applicationStatusOf(p));
    expect(APPLICATION_STATUSES as readonly string[]).not.toContain('checking');
  });
});

describe('what follows a decision', () => {
  it('a first approval goes to a second approval only when the face value needs one', () => {
    expect(phaseAfterDecision({ kind: 'review', decision: 'approve', needsSecondApproval: true })).toBe(
      'second_approval',
    );
    expect(phaseAfterDecision({ kind: 'review', decision: 'approve', needsSecondApproval: false })).toBe(
      'issue',
    );
  });

  it('a second approval issues; rejections and supplement requests end or hand back either kind', () => {
    expect(
      phaseAfterDecision({ kind: 'second_approval', decision: 'approve', needsSecondApproval: true }),
    ).toBe('issue');
    for (const kind of ['review', 'second_approval'] as const) {
      expect(phaseAfterDecision({ kind, decision: 'reject', needsSecondApproval: true })).toBe('rejected');
      expect(phaseAfterDecision({ kind, decision: 'request_supplement', needsSecondApproval: false })).toBe(
        'supplement',
      );
    }
  });
});

describe('the same-reviewer rule', () => {
  it('refuses the first reviewer on the second approval, with a code and both languages', () => {
    const refusal = sameReviewerRefusal({ excludedUserId: 'u1' }, 'u1');
    expect(refusal?.code).toBe('SAME_REVIEWER');
    expect(refusal?.message.zh).toMatch(/复核/);
    expect(refusal?.message.en).toMatch(/different reviewer/);
  });

  it('lets anyone else act, and anyone act on a task with nobody excluded', () => {
    expect(sameReviewerRefusal({ excludedUserId: 'u1' }, 'u2')).toBeNull();
    expect(sameReviewerRefusal({ excludedUserId: null }, 'u1')).toBeNull();
  });
});
