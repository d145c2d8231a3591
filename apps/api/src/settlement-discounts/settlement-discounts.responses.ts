import { IntersectionType } from '@nestjs/swagger';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** The sale settled: the program, the supplier and the enterprise, the invoice. */
class DiscountedSale extends Fields({
  id: is.uuid,
  programCode: is.text,
  programVersion: is.numeric,
  supplierId: is.uuid,
  supplierCode: is.text,
  enterpriseId: is.uuid,
  enterpriseName: is.text,
  invoiceNumber: is.text,
  settledOn: is.day,
}) {}

/** What libs/domain settlementDiscount is given: the list price and the buyer's industry. */
class DiscountInput extends Fields({
  listAmount: is.money.about('The list price'),
  coreIndustry: is.flag.about('The buyer is in a core industry'),
}) {}

/** What settlementDiscount works out from them. */
class DiscountOutcome extends Fields({
  tier: is.numeric.about('The discount tier applied'),
  factor: is.text.about('Share of the list price the buyer pays'),
  payable: is.money.about('What the buyer pays'),
  subsidy: is.money.about('The subsidy (the rest), funded spending'),
}) {}

/** A discount applied at settlement (泰州 program, ADR 0024). Amounts are decimal strings. */
export class SettlementDiscountResponse extends Fields(
  IntersectionType(DiscountedSale, DiscountInput, DiscountOutcome),
  {
    spendingKey: is.text.about('Identifies the spending across programs'),
    createdAt: is.instant,
  },
) {}

export class SettlementDiscountPageResponse extends Fields({
  items: [SettlementDiscountResponse],
  total: is.numeric,
  subsidyTotal: is.money.about('Sum of the listed subsidies'),
}) {}
