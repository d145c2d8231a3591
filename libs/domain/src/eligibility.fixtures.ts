import type { EnterpriseFacts } from './eligibility';

/** For the domain's specs: an enterprise that passes every Beijing registry check, with `over` applied. */
export const eligibleEnterprise = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  registrationRegion: 'beijing',
  independentLegalPerson: true,
  industry: 'software_information_services',
  aiDirectionAligned: true,
  soundFinancialManagement: true,
  lastDishonestyRecordDate: null,
  receivesOtherMunicipalComputeSubsidy: false,
  ...over,
});
