import { BilingualText } from '../common/openapi';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** What a bank learns of a genuine voucher (never its holder, contract or anything else). */
export class VoucherVerificationResponse extends Fields({
  genuine: is.flag.about('Always true (an unknown number answers 404)'),
  voucherNumber: is.text.about('The number as asked'),
  programCode: is.text,
  programName: BilingualText,
  authority: is.nested(BilingualText).about('The issuing authority'),
  status: is.text,
  faceValue: is.money,
  balance: is.money.about('Unused balance (0.00 unless active)'),
  validUntil: is.dayOrNull.about('Last day of validity'),
  holderMatches: is.flag.about('Only when a credit code was given: whether it is the holder’s').optional(),
}) {}
