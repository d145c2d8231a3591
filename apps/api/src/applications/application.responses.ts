import { IntersectionType, PickType } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';
import {
  AuditEntryView,
  ContractTermView,
  EnterpriseRefView,
  RowsFirstPage,
  StoredFileView,
  SupplierRefView,
} from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Answers of /applications (amounts are decimal strings, dates ISO). */

export class ApplicationRowResponse extends Fields({
  id: is.uuid,
  status: is.text,
  programCode: is.text,
  submittedOn: is.day,
  quotedFaceValue: is.moneyOrNull,
  faceValue: is.moneyOrNull,
  refusalCode: is.textOrNull,
  enterpriseName: is.text,
  contractNumber: is.text,
  contractAmount: is.money,
}) {}

export class ApplicationPageResponse extends RowsFirstPage(ApplicationRowResponse) {}

class ApplicationEnterprise extends Fields(EnterpriseRefView, {
  industry: is.text,
}) {}

class ContractSupplier extends SupplierRefView {}

class ContractLineView extends Fields({
  serviceKind: is.text,
  amount: is.money,
  description: is.text,
  lineNo: is.numericOrNull.optional(),
  domestic: is.field<boolean | null>({ type: Boolean, nullable: true }).optional(),
  invoiceNumber: is.textOrNull.optional(),
}) {}

class ContractParties extends Fields({
  id: is.uuid,
  contractNumber: is.text,
  supplier: ContractSupplier,
}) {}

class ApplicationContract extends Fields(IntersectionType(ContractParties, ContractTermView), {
  totalAmount: is.money,
  applicationDomain: is.text,
  lines: [ContractLineView],
}) {}

/** One eligibility rule's result (libs/domain RuleResult). */
export class EligibilityCheckResponse extends Fields({
  rule: is.text,
  passed: is.flag,
  code: is.text.about('Reason code'),
  message: BilingualText,
  params: is
    .field<Record<string, string | number | boolean | null>>({
      type: 'object',
      additionalProperties: {
        oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }],
      },
      description: 'The values the rule compared',
    })
    .optional(),
}) {}

/** The face value worked out from the contract: the rate, the days that count, the amounts. */
class FaceValueComputation extends Fields({
  rate: is.text,
  contractDays: is.numericOrNull,
  eligibleDays: is.numericOrNull,
  eligibleAmount: is.moneyOrNull,
  quotedFaceValue: is.moneyOrNull,
  faceValue: is.moneyOrNull,
}) {}

/** The face value, then the yearly cap (none: null), the year it counts in, what was issued and the room left. */
class ApplicationComputation extends Fields(FaceValueComputation, {
  yearlyCap: is.moneyOrNull,
  capYear: is.numeric,
  issuedThisYear: is.money,
  yearlyRoomLeft: is.moneyOrNull,
}) {}

class ApplicationVoucher extends Fields({
  id: is.uuid,
  faceValue: is.money,
  redeemedAmount: is.money,
  remaining: is.money,
  status: is.text,
  capYear: is.numeric,
  issuedOn: is.day,
  validUntil: is.dayOrNull,
}) {}

class ApplicationMaterialView extends Fields({
  id: is.uuid,
  slotCode: is.textOrNull.about('The checklist slot it fills').optional(),
  filename: is.text,
  contentType: is.text,
  sizeBytes: is.numeric,
  sha256: is.text.optional(),
  uploadedAt: is.instant,
}) {}

class ApplicationTaskView extends Fields({
  id: is.uuid,
  kind: is.exactly('review', 'second_approval'),
  status: is.text,
  round: is.numeric,
  assigneeId: is.uuidOrNull,
  assigneeName: is.textOrNull.optional(),
  excludedUserId: is.uuidOrNull,
  dueAt: is.instant,
  outcome: is.textOrNull,
  reason: is.textOrNull,
  completedBy: is.uuidOrNull,
  completedByName: is.textOrNull.optional(),
  completedAt: is.instantOrNull,
}) {}

class HistoryEntryView extends Fields(AuditEntryView, {
  actor: is.text.about('User id, or the workflow/system'),
}) {}

/** Everything a reviewer needs on one page; an enterprise sees only its own applications. */
export class ApplicationDetailResponse extends Fields({
  id: is.uuid,
  programCode: is.text,
  programVersion: is.numeric,
  status: is.text,
  refusalCode: is.textOrNull,
  submittedOn: is.day,
  workflowId: is.textOrNull,
  enterprise: ApplicationEnterprise,
  contract: ApplicationContract,
  checks: [EligibilityCheckResponse],
  computation: ApplicationComputation,
  applicantCategories: is.field<string[] | null>({ type: [String], nullable: true }).optional(),
  projectFacts: is
    .field<Record<string, unknown> | null>({
      type: 'object',
      additionalProperties: true,
      nullable: true,
    })
    .optional(),
  declaredOtherSupport: is
    .field<Record<string, unknown>[]>({
      type: 'array',
      items: { type: 'object', additionalProperties: true },
      description: 'Other public support the applicant declared',
    })
    .optional(),
  crossProgram: is.field<Record<string, unknown>>({
    type: 'object',
    additionalProperties: true,
    description: 'Cross-program decisions (从优不重复, stacking) and the fundings this application holds',
  }),
  voucher: is.nullable(ApplicationVoucher),
  materials: [ApplicationMaterialView],
  tasks: [ApplicationTaskView],
  history: [HistoryEntryView],
}) {}

export class MaterialUploadedResponse extends PickType(StoredFileView, [
  'id',
  'filename',
  'contentType',
  'sizeBytes',
  'sha256',
] as const) {}
