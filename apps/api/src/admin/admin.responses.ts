import { ApiExtraModels, getSchemaPath, IntersectionType } from '@nestjs/swagger';
import { EnterpriseRefView, Page, SupplierRefView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Answers of the admin's registers (GET/POST/PUT /admin/…), as stored. Dates are ISO strings. */

/** How a register record (enterprise, supplier) is reached, and when it was made. */
class RegisterContactView extends Fields({
  contactEmail: is.email,
  createdAt: is.instant,
}) {}

class RegisteredEnterprise extends Fields(EnterpriseRefView, {
  name: is.text.about('企业名称'),
  creditCode: is.text.about('统一社会信用代码'),
  registrationRegion: is.text.about('注册地 (region key)'),
}) {}

/** The facts of the register the eligibility rules read. */
class EnterpriseFacts extends Fields({
  independentLegalPerson: is.flag,
  industry: is.text,
  aiDirectionAligned: is.flag,
  soundFinancialManagement: is.flag,
  lastDishonestyRecordDate: is.dayOrNull,
  receivesOtherMunicipalComputeSubsidy: is.flag,
}) {}

export class EnterpriseRecordResponse extends Fields(
  IntersectionType(RegisteredEnterprise, EnterpriseFacts, RegisterContactView),
  {
    updatedAt: is.instant.optional(),
  },
) {}

class SupplierServices extends Fields({
  isPartner: is.flag,
  serviceKinds: [is.text],
}) {}

export class SupplierRecordResponse extends IntersectionType(
  SupplierRefView,
  SupplierServices,
  RegisterContactView,
) {}

export class RelatedPartyLinkResponse extends Fields({
  id: is.uuid,
  enterpriseId: is.uuid,
  supplierId: is.uuid,
  description: is.text,
  createdAt: is.instant,
}) {}

/** A link as listed: both parties named (the supplier by its Chinese name; null if since removed). */
export class RelatedPartyLinkRowResponse extends Fields(RelatedPartyLinkResponse, {
  enterpriseName: is.textOrNull,
  supplierName: is.textOrNull,
}) {}

export class UserRecordResponse extends Fields({
  id: is.uuid,
  email: is.email,
  displayName: is.text,
  role: is.oneOf(['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin']),
  enterpriseId: is.uuidOrNull,
  supplierId: is.uuidOrNull,
  active: is.flag,
  tokenVersion: is.numeric.about('Bumped whenever the user’s tokens are revoked').optional(),
  createdAt: is.instant,
}) {}

/** A user as listed: the enterprise or supplier they act for, named. */
export class UserRowResponse extends Fields(UserRecordResponse, {
  enterpriseName: is.textOrNull,
  supplierName: is.textOrNull,
}) {}

export class EnterprisePage extends Page(EnterpriseRecordResponse) {}

export class SupplierPage extends Page(SupplierRecordResponse) {}

export class RelatedPartyPage extends Page(RelatedPartyLinkRowResponse) {}

export class UserPage extends Page(UserRowResponse) {}

/** The fields of a ProgramDefinition the registers show; the answer carries the whole definition. */
export class ProgramDefinitionSummary extends Fields({
  planStart: is.day,
  planEnd: is.day,
  rate: is.text.about('Subsidy rate, decimal string'),
}) {}

@ApiExtraModels(ProgramDefinitionSummary)
export class ProgramRecordResponse extends Fields({
  code: is.text,
  nameZh: is.text,
  nameEn: is.text,
  active: is.flag.about('Opened/closed by hand'),
  status: is.exactly('open', 'closed').about('Closed by hand or by the plan’s end (business date)'),
  version: is.numeric.about('The version in force today'),
  effectiveFrom: is.day,
  definition: is.field<ProgramDefinitionSummary>({
    type: ProgramDefinitionSummary,
    // The named fields, and every other field of the definition as it is (additionalProperties).
    allOf: [
      { $ref: getSchemaPath(ProgramDefinitionSummary) },
      { type: 'object', additionalProperties: true },
    ],
    description:
      'The whole program definition in force (libs/domain ProgramDefinition); fields beyond these are as there',
  }),
  createdAt: is.instant,
}) {}

export class ProgramActiveResponse extends Fields({
  code: is.text,
  active: is.flag,
}) {}

export class DeletedResponse extends Fields({
  id: is.uuid,
  deleted: is.exactly(true),
}) {}

export class UserActiveResponse extends Fields({
  id: is.uuid,
  active: is.flag,
}) {}

export class UserRoleResponse extends Fields({
  id: is.uuid,
  role: is.text,
  enterpriseId: is.uuidOrNull,
  supplierId: is.uuidOrNull,
}) {}

export class PasswordResetResponse extends Fields({
  id: is.uuid,
  passwordReset: is.exactly(true),
}) {}

export class VoucherWithdrawalResponse extends Fields({
  id: is.uuid,
  withdrawRequested: is.exactly(true),
  status: is.text.about('The voucher’s status once the workflow recorded it (else still active)'),
}) {}

export class ClockResponse extends Fields({
  sandbox: is.flag.about('Whether the business date may be set (sandbox mode)'),
  today: is.day.about('The business date (业务日期)'),
}) {}

const WHOLE_DEFINITION = {
  type: 'object',
  additionalProperties: true,
  description: 'The whole program definition (libs/domain ProgramDefinition); amounts are decimal strings',
} as const;

export class ProgramVersionResponse extends Fields({
  version: is.numeric,
  effectiveFrom: is.day,
  sourceDocument: is.textOrNull.about('The policy document it comes from'),
  note: is.text,
  createdBy: is.text.about('User id, or the seed'),
  createdAt: is.instant,
  definition: is.field<Record<string, unknown>>(WHOLE_DEFINITION),
}) {}

export class ProgramVersionAddedResponse extends Fields({
  version: is.numeric,
  effectiveFrom: is.day,
  definition: is.field<Record<string, unknown>>(WHOLE_DEFINITION),
}) {}

export class SupplierListResponse extends Fields({
  id: is.uuid,
  effectiveFrom: is.day,
  supplierCodes: [is.text],
  note: is.text,
  createdBy: is.text,
  createdAt: is.instant,
}) {}

export class SupplierListAddedResponse extends Fields({
  id: is.uuid,
  effectiveFrom: is.day,
  supplierCodes: [is.text],
}) {}
