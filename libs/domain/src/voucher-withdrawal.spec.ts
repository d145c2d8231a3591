import { voucherWithdrawalRefusal } from './voucher-withdrawal';
import { REASON_MESSAGES } from './reasons';
import { can, CAPABILITIES } from './capabilities';

describe('withdrawing a voucher', () => {
  it('is allowed for an active voucher whose claims are all paid or cancelled', () => {
    expect(voucherWithdrawalRefusal({ status: 'active', claimStatuses: [] })).toBeNull();
    expect(voucherWithdrawalRefusal({ status: 'active', claimStatuses: ['paid', 'cancelled'] })).toBeNull();
  });

  it('is refused while a claim is pending or computed in a run', () => {
    expect(voucherWithdrawalRefusal({ status: 'active', claimStatuses: ['paid', 'pending'] })).toBe(
      'VOUCHER_CLAIMS_IN_FLIGHT',
    );
    expect(voucherWithdrawalRefusal({ status: 'active', claimStatuses: ['computed'] })).toBe(
      'VOUCHER_CLAIMS_IN_FLIGHT',
    );
  });

  it('is refused for a voucher already withdrawn, exhausted or expired', () => {
    for (const status of ['withdrawn', 'exhausted', 'expired'])
      expect(voucherWithdrawalRefusal({ status, claimStatuses: [] })).toBe('VOUCHER_NOT_ACTIVE');
  });

  it('says each refusal in Chinese and English', () => {
    for (const code of ['VOUCHER_NOT_ACTIVE', 'VOUCHER_CLAIMS_IN_FLIGHT'] as const) {
      expect(REASON_MESSAGES[code].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(REASON_MESSAGES[code].en.length).toBeGreaterThan(10);
    }
  });
});

describe('the role → capability map', () => {
  it('gives 发起兑付批次 to finance and not to the admin', () => {
    // [starts a run, withdraws a voucher], for finance then the admin.
    const capabilities = (['finance', 'admin'] as const).map((role) => [
      can(role, 'startRedemptionRun'),
      can(role, 'withdrawVoucher'),
    ]);
    expect(capabilities).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('names one route per capability', () => {
    const routes = Object.values(CAPABILITIES).map((c) => c.route);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
