import { BilingualText } from '../common/openapi';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Published allocation plans (公示) of ranked rounds: public, no token. Amounts are decimal strings. */

export class PublicNoticeSummary extends Fields({
  programCode: is.text,
  programName: is.nullable(BilingualText),
  year: is.numeric,
  planRevision: is.numeric.about('Bumped each time the plan is re-published'),
  publishedOn: is.day,
  noticeEndsOn: is.day,
  onNotice: is.flag.about('The notice period is running on the business date'),
  totalAward: is.money,
}) {}

export class PublicNoticeListResponse extends Fields({
  businessDate: is.day,
  items: [PublicNoticeSummary],
}) {}

export class PublicNoticeEntry extends Fields({
  id: is.uuid,
  applicantName: is.text,
  applicantKind: is.oneOf(['enterprise', 'supplier']),
  rank: is.numericOrNull,
  tier: is.numericOrNull,
  tierLabel: is.textOrNull.about('The tier’s threshold (≥ prior-year spend)'),
  award: is.text,
}) {}

export class PublicNoticeResponse extends Fields(PublicNoticeSummary, {
  businessDate: is.day,
  entries: [PublicNoticeEntry],
}) {}

export class ObjectionRaisedResponse extends Fields({
  id: is.uuid,
  status: is.exactly('open'),
  createdAt: is.instant,
}) {}
