import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';
import {
  AuditEntryView,
  ContractTermView,
  EnterpriseRefView,
  RowsFirstPage,
  StoredFileView,
  SupplierRefView,
} from '../common/views';

/** Answers of /applications (amounts are decimal strings, dates ISO). */

export class ApplicationRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ type: String, nullable: true }) quotedFaceValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) faceValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalCode!: string | null;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty() contractAmount!: string;
}

export class ApplicationPageResponse extends RowsFirstPage(ApplicationRowResponse) {}

class ApplicationEnterprise extends EnterpriseRefView {
  @ApiProperty() industry!: string;
}

class ContractSupplier extends SupplierRefView {}

class ContractLineView {
  @ApiProperty() serviceKind!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) lineNo?: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) domestic?: boolean | null;
  @ApiPropertyOptional({ type: String, nullable: true }) invoiceNumber?: string | null;
}

class ContractParties {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty({ type: ContractSupplier }) supplier!: ContractSupplier;
}

class ApplicationContract extends IntersectionType(ContractParties, ContractTermView) {
  @ApiProperty() totalAmount!: string;
  @ApiProperty() applicationDomain!: string;
  @ApiProperty({ type: [ContractLineView] }) lines!: ContractLineView[];
}

/** One eligibility rule's result (libs/domain RuleResult). */
export class EligibilityCheckResponse {
  @ApiProperty() rule!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'Reason code' }) code!: string;
  @ApiProperty({ type: BilingualText }) message!: BilingualText;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: {
      oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }],
    },
    description: 'The values the rule compared',
  })
  params?: Record<string, string | number | boolean | null>;
}

/** The face value worked out from the contract: the rate, the days that count, the amounts. */
class FaceValueComputation {
  @ApiProperty() rate!: string;
  @ApiProperty({ type: Number, nullable: true }) contractDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) eligibleDays!: number | null;
  @ApiProperty({ type: String, nullable: true }) eligibleAmount!: string | null;
  @ApiProperty({ type: String, nullable: true }) quotedFaceValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) faceValue!: string | null;
}

/** The face value, then the yearly cap (none: null), the year it counts in, what was issued and the room left. */
class ApplicationComputation extends FaceValueComputation {
  @ApiProperty({ type: String, nullable: true }) yearlyCap!: string | null;
  @ApiProperty() capYear!: number;
  @ApiProperty() issuedThisYear!: string;
  @ApiProperty({ type: String, nullable: true }) yearlyRoomLeft!: string | null;
}

class ApplicationVoucher {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() faceValue!: string;
  @ApiProperty() redeemedAmount!: string;
  @ApiProperty() remaining!: string;
  @ApiProperty() status!: string;
  @ApiProperty() capYear!: number;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
}

class ApplicationMaterialView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The checklist slot it fills' })
  slotCode?: string | null;
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiPropertyOptional() sha256?: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

class ApplicationTaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['review', 'second_approval'] }) kind!: 'review' | 'second_approval';
  @ApiProperty() status!: string;
  @ApiProperty() round!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeName?: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) excludedUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) completedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) completedByName?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

class HistoryEntryView extends AuditEntryView {
  @ApiProperty({ description: 'User id, or the workflow/system' }) override actor!: string;
}

/** Everything a reviewer needs on one page; an enterprise sees only its own applications. */
export class ApplicationDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) refusalCode!: string | null;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ type: String, nullable: true }) workflowId!: string | null;
  @ApiProperty({ type: ApplicationEnterprise }) enterprise!: ApplicationEnterprise;
  @ApiProperty({ type: ApplicationContract }) contract!: ApplicationContract;
  @ApiProperty({ type: [EligibilityCheckResponse] }) checks!: EligibilityCheckResponse[];
  @ApiProperty({ type: ApplicationComputation }) computation!: ApplicationComputation;
  @ApiPropertyOptional({ type: [String], nullable: true }) applicantCategories?: string[] | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  projectFacts?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Other public support the applicant declared',
  })
  declaredOtherSupport?: Record<string, unknown>[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Cross-program decisions (从优不重复, stacking) and the fundings this application holds',
  })
  crossProgram!: Record<string, unknown>;
  @ApiProperty({ type: ApplicationVoucher, nullable: true }) voucher!: ApplicationVoucher | null;
  @ApiProperty({ type: [ApplicationMaterialView] }) materials!: ApplicationMaterialView[];
  @ApiProperty({ type: [ApplicationTaskView] }) tasks!: ApplicationTaskView[];
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
}

export class MaterialUploadedResponse extends PickType(StoredFileView, [
  'id',
  'filename',
  'contentType',
  'sizeBytes',
  'sha256',
] as const) {}
