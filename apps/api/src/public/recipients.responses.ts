import { BilingualText } from '../common/openapi';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Published recipient lists (公示): public, no token. Amounts are decimal strings. */

export class RecipientListIndexEntry extends Fields({
  programCode: is.text,
  programName: is.nullable(BilingualText),
  years: is.listOf(is.numeric).about('Years with a published list, newest first'),
}) {}

export class RecipientListIndexResponse extends Fields({
  items: [RecipientListIndexEntry],
}) {}

export class PublishedVoucher extends Fields({
  recipient: is.text.about('The enterprise'),
  amount: is.money,
  date: is.day,
}) {}

export class PublishedGrant extends Fields({
  kind: is.oneOf(['round_award', 'supplier_subsidy', 'grant']),
  kindLabel: BilingualText,
  recipient: is.text.about('The enterprise or supplier paid'),
  amount: is.money,
  date: is.day,
}) {}

export class RecipientTotals extends Fields({
  vouchers: is.numeric,
  faceValue: is.money,
  grants: is.numeric,
  paid: is.money,
}) {}

export class RecipientListResponse extends Fields({
  programCode: is.text,
  programName: BilingualText,
  year: is.numeric,
  vouchers: [PublishedVoucher],
  grants: [PublishedGrant],
  totals: RecipientTotals,
}) {}
