import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES } from '@app/domain';
import { PageQuery } from '../common/pagination';
import { RowsFirstPage } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

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
class RegisterRowSubject extends Fields({
  programCode: is.text,
  programNameZh: is.text,
  programNameEn: is.text,
  enterpriseName: is.text,
}) {}

class ApplicationRegisterNumber extends Fields({
  id: is.uuid,
  number: is.text.about('The reference number (SQ… for applications, SLQ… for vouchers)'),
}) {}

export class ApplicationRegisterRow extends Fields(
  IntersectionType(ApplicationRegisterNumber, RegisterRowSubject),
  {
    status: is.oneOf(APPLICATION_STATUSES),
    faceValue: is.moneyOrNull,
    submittedOn: is.day,
    voucherId: is.uuidOrNull,
    voucherStatus: is.oneOfOrNull(VOUCHER_STATUSES),
    claimsInFlight: is.numeric.about('Claims of its voucher still pending or computed in a run'),
  },
) {}

/** A voucher's number and the application it was issued on. */
class VoucherRegisterNumbers extends Fields({
  id: is.uuid,
  number: is.text,
  applicationId: is.uuid,
  applicationNumber: is.text,
}) {}

export class VoucherRegisterRow extends Fields(IntersectionType(VoucherRegisterNumbers, RegisterRowSubject), {
  status: is.oneOf(VOUCHER_STATUSES),
  faceValue: is.money,
  redeemedAmount: is.money,
  issuedOn: is.day,
  claimsInFlight: is.numeric.about('Claims still pending or computed in a run (a withdrawal waits for them)'),
}) {}

export class ApplicationRegisterPage extends RowsFirstPage(ApplicationRegisterRow) {}

export class VoucherRegisterPage extends RowsFirstPage(VoucherRegisterRow) {}
