import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
  IntersectionType,
} from '@nestjs/swagger';
import { EnterpriseRefView, Page, SupplierRefView } from '../common/views';

/** Answers of the admin's registers (GET/POST/PUT /admin/…), as stored. Dates are ISO strings. */

/** How a register record (enterprise, supplier) is reached, and when it was made. */
class RegisterContactView {
  @ApiProperty({ format: 'email' }) contactEmail!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class RegisteredEnterprise extends EnterpriseRefView {
  @ApiProperty({ description: '企业名称' }) override name!: string;
  @ApiProperty({ description: '统一社会信用代码' }) override creditCode!: string;
  @ApiProperty({ description: '注册地 (region key)' }) override registrationRegion!: string;
}

/** The facts of the register the eligibility rules read. */
class EnterpriseFacts {
  @ApiProperty() independentLegalPerson!: boolean;
  @ApiProperty() industry!: string;
  @ApiProperty() aiDirectionAligned!: boolean;
  @ApiProperty() soundFinancialManagement!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastDishonestyRecordDate!: string | null;
  @ApiProperty() receivesOtherMunicipalComputeSubsidy!: boolean;
}

export class EnterpriseRecordResponse extends IntersectionType(
  RegisteredEnterprise,
  EnterpriseFacts,
  RegisterContactView,
) {
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
}

class SupplierServices {
  @ApiProperty() isPartner!: boolean;
  @ApiProperty({ type: [String] }) serviceKinds!: string[];
}

export class SupplierRecordResponse extends IntersectionType(
  SupplierRefView,
  SupplierServices,
  RegisterContactView,
) {}

export class RelatedPartyLinkResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A link as listed: both parties named (the supplier by its Chinese name; null if since removed). */
export class RelatedPartyLinkRowResponse extends RelatedPartyLinkResponse {
  @ApiProperty({ type: String, nullable: true }) enterpriseName!: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierName!: string | null;
}

export class UserRecordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'] })
  role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplierId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ description: 'Bumped whenever the user’s tokens are revoked' })
  tokenVersion?: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A user as listed: the enterprise or supplier they act for, named. */
export class UserRowResponse extends UserRecordResponse {
  @ApiProperty({ type: String, nullable: true }) enterpriseName!: string | null;
  @ApiProperty({ type: String, nullable: true }) supplierName!: string | null;
}

export class EnterprisePage extends Page(EnterpriseRecordResponse) {}

export class SupplierPage extends Page(SupplierRecordResponse) {}

export class RelatedPartyPage extends Page(RelatedPartyLinkRowResponse) {}

export class UserPage extends Page(UserRowResponse) {}

/** The fields of a ProgramDefinition the registers show; the answer carries the whole definition. */
export class ProgramDefinitionSummary {
  @ApiProperty({ format: 'date' }) planStart!: string;
  @ApiProperty({ format: 'date' }) planEnd!: string;
  @ApiProperty({ description: 'Subsidy rate, decimal string' }) rate!: string;
}

@ApiExtraModels(ProgramDefinitionSummary)
export class ProgramRecordResponse {
  @ApiProperty() code!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ description: 'Opened/closed by hand' }) active!: boolean;
  @ApiProperty({
    enum: ['open', 'closed'],
    description: 'Closed by hand or by the plan’s end (business date)',
  })
  status!: 'open' | 'closed';
  @ApiProperty({ description: 'The version in force today' }) version!: number;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({
    // The named fields, and every other field of the definition as it is (additionalProperties).
    allOf: [
      { $ref: getSchemaPath(ProgramDefinitionSummary) },
      { type: 'object', additionalProperties: true },
    ],
    description:
      'The whole program definition in force (libs/domain ProgramDefinition); fields beyond these are as there',
  })
  definition!: ProgramDefinitionSummary;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProgramActiveResponse {
  @ApiProperty() code!: string;
  @ApiProperty() active!: boolean;
}

export class DeletedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [true] }) deleted!: true;
}

export class UserActiveResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() active!: boolean;
}

export class UserRoleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplierId!: string | null;
}

export class PasswordResetResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [true] }) passwordReset!: true;
}

export class VoucherWithdrawalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [true] }) withdrawRequested!: true;
  @ApiProperty({ description: 'The voucher’s status once the workflow recorded it (else still active)' })
  status!: string;
}

export class ClockResponse {
  @ApiProperty({ description: 'Whether the business date may be set (sandbox mode)' }) sandbox!: boolean;
  @ApiProperty({ format: 'date', description: 'The business date (业务日期)' }) today!: string;
}

const WHOLE_DEFINITION = {
  type: 'object',
  additionalProperties: true,
  description: 'The whole program definition (libs/domain ProgramDefinition); amounts are decimal strings',
} as const;

export class ProgramVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The policy document it comes from' })
  sourceDocument!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'User id, or the seed' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(WHOLE_DEFINITION) definition!: Record<string, unknown>;
}

export class ProgramVersionAddedResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty(WHOLE_DEFINITION) definition!: Record<string, unknown>;
}

export class SupplierListResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: [String] }) supplierCodes!: string[];
  @ApiProperty() note!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SupplierListAddedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty({ type: [String] }) supplierCodes!: string[];
}
