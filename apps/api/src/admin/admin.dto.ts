import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  isUUID,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { CREDIT_CODE_PATTERN, INDUSTRIES, SERVICE_KINDS } from '@app/domain';
import { ROLES } from '@app/persistence';
import { IsBusinessDate } from '../common/money.validators';
import { PageQuery } from '../common/pagination';

export class EnterpriseDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;

  @ApiProperty({ description: '统一社会信用代码, 18 characters' })
  @Matches(CREDIT_CODE_PATTERN, {
    message: 'creditCode must be an 18-character unified social credit code',
  })
  creditCode!: string;

  @ApiProperty({ example: 'beijing' }) @IsString() @Length(1, 64) registrationRegion!: string;
  @ApiProperty() @IsBoolean() independentLegalPerson!: boolean;
  @ApiProperty({ enum: INDUSTRIES }) @IsIn(INDUSTRIES) industry!: string;
  @ApiProperty() @IsBoolean() aiDirectionAligned!: boolean;
  @ApiProperty() @IsBoolean() soundFinancialManagement!: boolean;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(
    (o: EnterpriseDto) => o.lastDishonestyRecordDate !== null && o.lastDishonestyRecordDate !== undefined,
  )
  @IsBusinessDate()
  lastDishonestyRecordDate?: string | null;
  @ApiProperty() @IsBoolean() receivesOtherMunicipalComputeSubsidy!: boolean;
  @ApiProperty() @IsEmail() @MaxLength(200) contactEmail!: string;
}

export class SupplierDto {
  @ApiProperty()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'code must be 2-64 lowercase letters, digits or hyphens' })
  code!: string;
  @ApiProperty() @IsString() @Length(1, 200) nameZh!: string;
  @ApiProperty() @IsString() @Length(1, 200) nameEn!: string;
  @ApiProperty() @IsBoolean() isPartner!: boolean;
  @ApiProperty({ enum: SERVICE_KINDS, isArray: true })
  @IsIn(SERVICE_KINDS, { each: true })
  @ArrayMinSize(1)
  serviceKinds!: string[];
  @ApiProperty() @IsEmail() @MaxLength(200) contactEmail!: string;
}

export class RelatedPartyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() enterpriseId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() supplierId!: string;
  @ApiProperty() @IsString() @Length(1, 500) description!: string;
}

/**
 * The record an enterprise or supplier user acts for: a UUID for that role, absent (or null) for every other
 * role — a reviewer given an enterpriseId is refused instead of having it silently dropped.
 */
function OwnerOfRole(role: 'enterprise' | 'supplier') {
  const article = role === 'enterprise' ? 'an' : 'a';
  return (target: object, property: string) => {
    registerDecorator({
      name: 'isUuid',
      target: target.constructor,
      propertyName: property,
      validator: {
        validate: (v: unknown, args: ValidationArguments) =>
          (args.object as { role?: unknown }).role !== role || (typeof v === 'string' && isUUID(v)),
        defaultMessage: () =>
          `${property} is required for ${article} ${role} user (须填写所属${role === 'enterprise' ? '企业' : '供给方'})`,
      },
    });
    registerDecorator({
      name: 'fieldNotApplicable',
      target: target.constructor,
      propertyName: property,
      validator: {
        validate: (v: unknown, args: ValidationArguments) =>
          (args.object as { role?: unknown }).role === role || v === undefined || v === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${property} does not apply to a ${String((args?.object as { role?: unknown })?.role)} user ` +
          `(该字段不适用于此角色)`,
      },
    });
  };
}

/** A user's role; an enterprise or supplier user names the record they act for (alone: a role change). */
export class ChangeUserRoleDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for an enterprise user; refused for any other',
  })
  @OwnerOfRole('enterprise')
  enterpriseId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for a supplier user; refused for any other' })
  @OwnerOfRole('supplier')
  supplierId?: string;
}

export class CreateUserDto extends ChangeUserRoleDto {
  @ApiProperty() @IsEmail() @MaxLength(200) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password!: string;
}

export class UserActiveDto {
  @ApiProperty() @IsBoolean() active!: boolean;
}

export class ClockDto {
  @ApiProperty({ nullable: true, example: '2025-11-16', description: 'null releases the pinned date' })
  @ValidateIf((o: ClockDto) => o.businessDate !== null)
  @IsBusinessDate()
  businessDate!: string | null;
}

export class ProgramActiveDto {
  @ApiProperty() @IsBoolean() active!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class WithdrawVoucherDto {
  @ApiProperty({ example: '虚报材料，依规收回 / false claim, recovered' })
  @IsString()
  @Length(1, 500, { message: 'reason is required (1 to 500 characters)' })
  reason!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password!: string;
}

export class AdminListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Search by name, code or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserListQuery extends AdminListQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: string;
}
