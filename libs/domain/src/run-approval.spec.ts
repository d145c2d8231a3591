import { runApprovalVerdict } from './run-approval';

const alice = '8f0c6a52-1f7e-4b59-9a53-0d1f4c3e2a10';
const bob = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';

describe('runApprovalVerdict (four eyes on a redemption run)', () => {
  it('refuses the finance user who started the run by hand, in Chinese first', () => {
    const v = runApprovalVerdict({ startedBy: alice }, alice);
    expect(v).toMatchObject({ ok: false, code: 'RUN_STARTER_CANNOT_APPROVE' });
    expect(!v.ok && v.message.zh).toBe('您发起了该兑付批次，须由另一位财务人员审批');
  });

  it('lets a second finance user approve a run started by hand', () => {
    expect(runApprovalVerdict({ startedBy: alice }, bob)).toEqual({ ok: true });
  });

  it('lets anyone in finance approve a scheduled run (no human starter)', () => {
    expect(runApprovalVerdict({ startedBy: null }, alice)).toEqual({ ok: true });
  });
});
