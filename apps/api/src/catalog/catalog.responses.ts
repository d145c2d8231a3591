import { SupplierRefView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

const FREE_FORM_ITEMS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** A program as it stands today (the version in force): what an applicant needs. Amounts are strings. */
export class CatalogProgramResponse extends Fields({
  code: is.text,
  nameZh: is.text,
  nameEn: is.text,
  active: is.flag,
  status: is.exactly('open', 'closed'),
  version: is.numeric,
  allocation: is.text.about('How vouchers are allocated (first come, ranked, pool …)'),
  disbursement: is.text.about('How money is paid out'),
  rate: is.text.about('Subsidy rate, decimal string'),
  fixedFaceValue: is.moneyOrNull,
  perEnterpriseYearlyCap: is.moneyOrNull,
  perEnterpriseCumulativeCap: is.moneyOrNull,
  budgetPoolPerYear: is.moneyOrNull,
  budgetPoolTotal: is.moneyOrNull,
  vouchersPerYear: is.numericOrNull,
  planStart: is.day,
  planEnd: is.day,
  contractSignedFrom: is.dayOrNull,
  materials: is.field<Record<string, unknown>[]>({
    ...FREE_FORM_ITEMS,
    description: 'The materials an application needs (ProgramDefinition)',
  }),
  fundingShares: is.field<{ funderCode: string; funder: { zh: string; en: string }; share: string }[]>({
    type: 'array',
    description: 'Which budgets pay which share',
    items: {
      type: 'object',
      additionalProperties: true,
      properties: {
        funderCode: { type: 'string' },
        funder: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
        share: { type: 'string' },
      },
    },
  }),
}) {}

export class CatalogSupplierResponse extends Fields(SupplierRefView, {
  isPartner: is.flag.about('On the program’s partner list'),
  serviceKinds: [is.text],
}) {}
