import { deepFreeze, type ProgramDefinition } from '../program';
import { BEIJING_2023_2025 } from './beijing-2023-2025';

/**
 * 河南省 2024-2025 年算力券 (seed 003, notice of 2025-03-14 by the provincial DRC and finance department):
 * 20% of the actual service amount, at most 1,000,000.00 cumulative per user, a 50,000,000.00 pool shared by
 * province and city 1:1, redeemed in the order the service contracts were signed until the pool is used up.
 * The survey gives no eligibility detail; the engine's neutral checks apply (ADR 0012).
 */
export const HENAN_2024_2025: ProgramDefinition = deepFreeze({
  ...BEIJING_2023_2025,
  code: 'henan-compute',
  name: { zh: '河南省算力券（2024—2025年）', en: 'Henan Compute Voucher 2024–2025' },
  authority: {
    code: 'ha-fgw',
    name: {
      zh: '河南省发展和改革委员会、河南省财政厅',
      en: 'Henan Development and Reform Commission and Department of Finance',
    },
  },
  region: 'henan',
  sources: ['seeds/003'],
  planPublishedOn: '2025-03-14',
  planStart: '2024-01-01',
  planEnd: '2025-12-31',
  rate: '0.20',
  perEnterpriseYearlyCap: null,
  perEnterpriseCumulativeCap: '1000000.00',
  budgetPoolTotal: '50000000.00',
  allocation: 'review',
  pool: { order: 'contract-signing', waitlist: false },
  fundingShares: [
    {
      funderCode: 'henan-province',
      funder: { zh: '河南省级财政', en: 'Henan provincial budget' },
      share: '0.5',
    },
    { funderCode: 'henan-city', funder: { zh: '市级财政', en: 'City budget' }, share: '0.5' },
  ],
  contractSignedFrom: '2024-01-01',
  maxContractTerm: null,
  eligibleIndustries: ['software_information_services', 'manufacturing', 'other'],
  eligibleApplicationDomains: [...BEIJING_2023_2025.eligibleApplicationDomains, 'other'],
  eligibleRegistrationRegions: ['henan'],
  requiresAiDirectionAlignment: false,
  requiresSoundFinancialManagement: false,
  dishonestyLookbackYears: null,
  excludesOtherMunicipalComputeSubsidy: false,
  requiresPartnerSupplier: false,
  partnerSupplierCodes: [],
  redemption: {
    schedule: 'quarterly',
    claimCutoff: null,
    rollover: 'none',
    firstRun: { year: 2025, quarter: 2 },
    finalRun: { year: 2026, quarter: 1 },
  },
});
