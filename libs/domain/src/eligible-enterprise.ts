import type { EnterpriseFacts } from './eligibility';

/** The registry facts of an enterprise that passes every Beijing check (`over` applied): demo and tests start here. */
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
