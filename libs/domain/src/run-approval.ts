import type { LocalizedText } from './program';

/**
 * Four eyes on a redemption run (docs/adr/0045-finance-grade-runs.md): the finance user who started a run
 * by hand is not the one who approves its payouts. A scheduled run has no human starter, so any active
 * finance user may approve it.
 */

export type RunApprovalRefusalCode = 'RUN_STARTER_CANNOT_APPROVE';

export type RunApprovalVerdict =
  { ok: true } | { ok: false; code: RunApprovalRefusalCode; message: LocalizedText };

export const RUN_APPROVAL_MESSAGES: Record<RunApprovalRefusalCode, LocalizedText> = {
  RUN_STARTER_CANNOT_APPROVE: {
    zh: '您发起了该兑付批次，须由另一位财务人员审批',
    en: 'You started this redemption run: another finance user must approve it',
  },
};

/** May `approverId` approve a run started by `startedBy` (null: the schedule started it)? */
export function runApprovalVerdict(
  run: { startedBy: string | null },
  approverId: string,
): RunApprovalVerdict {
  if (run.startedBy !== null && run.startedBy === approverId) {
    return {
      ok: false,
      code: 'RUN_STARTER_CANNOT_APPROVE',
      message: RUN_APPROVAL_MESSAGES.RUN_STARTER_CANNOT_APPROVE,
    };
  }
  return { ok: true };
}
