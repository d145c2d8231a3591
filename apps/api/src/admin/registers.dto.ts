import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES } from '@app/domain';
import { PageQuery } from '../common/pagination';
import { RowsFirstPage } from '../common/views';

export const VOUCHER_STATUSES = ['active', 'exhausted', 'expired', 'withdrawn'] as const;

class RegisterQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Enterprise name or credit code, or the start of the application / voucher number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'q must be at most 100 characters (搜索词不得超过 100 个字符)' })
  q?: string;

  @ApiPropertyOptional({ example: 'beijing-ai-compute-2023' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'programCode is not a program code (项目代码格式不正确)' })
  programCode?: string;
}

export class ApplicationRegisterQuery extends RegisterQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: 'status is not an application status (申请状态不正确)' })
  status?: string;
}

export class VoucherRegisterQuery extends RegisterQuery {
  @ApiPropertyOptional({ enum: VOUCHER_STATUSES })
  @IsOptional()
  @IsIn(VOUCHER_STATUSES, { message: 'status is not a voucher status (算力券状态不正确)' })
  status?: string;
}

/** The program and the enterprise a register row is about. */
class RegisterRowSubject {
  @ApiProperty() programCode!: string;
  @ApiProperty() programNameZh!: string;
  @ApiProperty() programNameEn!: string;
  @ApiProperty() enterpriseName!: string;
}

class ApplicationRegisterNumber {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The reference number (SQ… for applications, SLQ… for vouchers)' })
  number!: string;
}

export class ApplicationRegisterRow extends IntersectionType(ApplicationRegisterNumber, RegisterRowSubject) {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: '100000.00' }) faceValue!: string | null;
  @ApiProperty({ example: '2025-05-06' }) submittedOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) voucherId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: VOUCHER_STATUSES }) voucherStatus!: string | null;
  @ApiProperty({ description: 'Claims of its voucher still pending or computed in a run' })
  claimsInFlight!: number;
}

/** A voucher's number and the application it was issued on. */
class VoucherRegisterNumbers {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() applicationNumber!: string;
}

export class VoucherRegisterRow extends IntersectionType(VoucherRegisterNumbers, RegisterRowSubject) {
  @ApiProperty({ enum: VOUCHER_STATUSES }) status!: string;
  @ApiProperty({ example: '100000.00' }) faceValue!: string;
  @ApiProperty({ example: '0.00' }) redeemedAmount!: string;
  @ApiProperty({ example: '2025-05-06' }) issuedOn!: string;
  @ApiProperty({ description: 'Claims still pending or computed in a run (a withdrawal waits for them)' })
  claimsInFlight!: number;
}

export class ApplicationRegisterPage extends RowsFirstPage(ApplicationRegisterRow) {}

export class VoucherRegisterPage extends RowsFirstPage(VoucherRegisterRow) {}
