import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** A 免申即享 grant as finance and the admin see it (amounts are decimal strings). */
export class GrantResponse extends Fields({
  id: is.uuid,
  programCode: is.text,
  programVersion: is.numeric,
  event: is.text.about('The qualifying event (green data centre, new AI entrant …)'),
  dataCentreCode: is.text.about('The subject’s key (the data centre’s code, the entrant’s credit code)'),
  dataCentreName: is.text,
  payeeKind: is.oneOf(['supplier', 'enterprise']),
  enterpriseId: is.uuidOrNull,
  supplierId: is.uuidOrNull,
  supplierCode: is.textOrNull,
  supplierName: is.textOrNull,
  approvedOn: is.day,
  approvalReference: is.text,
  documentFilename: is.text,
  amount: is.money,
  status: is.oneOf(['awaiting_finance', 'approved', 'paid']),
  workflowId: is.text,
  recordedBy: is.uuid,
  recordedByName: is.textOrNull,
  recordedAt: is.instant,
  financeApprovedBy: is.uuidOrNull,
  financeApprovedByName: is.textOrNull,
  financeApprovedAt: is.instantOrNull,
  paidAt: is.instantOrNull,
  paymentId: is.uuidOrNull,
  paymentStatus: is.textOrNull,
  bankReference: is.textOrNull,
}) {}

export class GrantRecordedResponse extends Fields(GrantResponse, {
  created: is.flag.about('false when this subject already had its grant (once only): that one is answered'),
}) {}

export class GrantPageResponse extends Fields({
  items: [GrantResponse],
  total: is.numeric,
}) {}

/** A new-AI-entrant grant as recorded (201) or as it already stood (200). */
export class EntrantGrantRecordedResponse extends Fields({
  id: is.uuid,
  amount: is.money,
  status: is.oneOf(['awaiting_finance', 'approved', 'paid']),
  payeeKind: is.oneOf(['enterprise']),
  enterpriseId: is.uuidOrNull,
  workflowId: is.text,
  created: is.flag.about('false when the entrant already had its grant'),
}) {}
