/**
 * Who may do what: the one role → capability map. The console shows an action's button only to the roles
 * listed here, and a unit test (apps/api/src/capabilities.spec.ts) checks each entry against the role guard
 * of the API route it names, so a button never answers FORBIDDEN_ROLE (ADR 0050).
 */
export const STAFF_AND_PORTAL_ROLES = [
  'enterprise',
  'supplier',
  'reviewer',
  'senior_reviewer',
  'finance',
  'admin',
] as const;
export type ConsoleRole = (typeof STAFF_AND_PORTAL_ROLES)[number];

export interface Capability {
  /** The API route the action calls, as `METHOD /path` with Nest's `:param` segments. */
  route: string;
  roles: readonly ConsoleRole[];
}

export const CAPABILITIES = {
  /** 发起兑付批次: starting a redemption run is finance's alone (the admin only reads runs). */
  startRedemptionRun: { route: 'POST /redemption-runs', roles: ['finance'] },
  approveRedemptionRun: { route: 'POST /redemption-runs/:id/approve', roles: ['finance'] },
  downloadRunReport: { route: 'GET /redemption-runs/:id/report.csv', roles: ['finance', 'admin'] },
  browseApplicationRegister: { route: 'GET /admin/applications', roles: ['admin'] },
  browseVoucherRegister: { route: 'GET /admin/vouchers', roles: ['admin'] },
  withdrawVoucher: { route: 'POST /admin/vouchers/:id/withdraw', roles: ['admin'] },
  setSandboxClock: { route: 'PUT /admin/clock', roles: ['admin'] },
  // 绿色算力券 (grants)
  recordGrant: { route: 'POST /grants', roles: ['admin'] },
  approveGrant: { route: 'POST /grants/:id/approve', roles: ['finance'] },
  // Ranked rounds (特惠 / 算力补贴券)
  openRound: { route: 'POST /rounds', roles: ['admin'] },
  closeRound: { route: 'POST /rounds/:id/close', roles: ['reviewer', 'senior_reviewer', 'admin'] },
  approveRound: { route: 'POST /rounds/:id/approve', roles: ['finance'] },
  decideObjection: { route: 'POST /rounds/:id/objections/:objectionId/decision', roles: ['senior_reviewer'] },
  // Supervision (ADR 0027)
  recordFinding: { route: 'POST /supervision/findings', roles: ['reviewer', 'senior_reviewer', 'admin'] },
  sendRepaymentReminders: { route: 'POST /supervision/reminders', roles: ['finance', 'admin'] },
  recordRepayment: { route: 'POST /supervision/receivables/:id/repayments', roles: ['finance', 'admin'] },
  writeOffReceivable: { route: 'POST /supervision/receivables/:id/write-off', roles: ['admin'] },
  liftDebarment: { route: 'POST /supervision/debarments/:id/lift', roles: ['admin'] },
  recordAppeal: {
    route: 'POST /supervision/findings/:id/appeals',
    roles: ['reviewer', 'senior_reviewer', 'admin'],
  },
  decideAppeal: { route: 'POST /supervision/appeals/:id/decision', roles: ['senior_reviewer', 'admin'] },
} as const satisfies Record<string, Capability>;

export type CapabilityName = keyof typeof CAPABILITIES;

/** Whether `role` may do `capability`. */
export function can(role: string, capability: CapabilityName): boolean {
  return (CAPABILITIES[capability].roles as readonly string[]).includes(role);
}
