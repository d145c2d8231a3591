import { Body, Controller, NotFoundException, Req, UseGuards } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Money, quarterEndDate } from '@app/domain';
import { ProgramCatalog, appendAudit } from '@app/persistence';
import { Public } from '../auth/decorators';
import { ApiAction } from '../common/routes';
import { VerificationRateLimit } from './verification-rate-limit';
import { VoucherVerificationResponse } from './voucher-verification.responses';

export class VerifyVoucherDto {
  @ApiProperty({
    description: 'the number printed on the voucher (a 普惠 voucher number, or the voucher id)',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{6,64}$/, { message: 'voucherNumber must be 6 to 64 letters, digits or -' })
  voucherNumber!: string;

  @ApiPropertyOptional({
    description: "the borrower's unified social credit code: answered only as matches or not",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'creditCode must be 18 characters' })
  creditCode?: string;
}

interface Found {
  id: string;
  kind: 'voucher' | 'pool_voucher';
  program_code: string;
  program_version: number;
  status: string;
  face_value: string;
  used: string;
  valid_year: number | null;
  credit_code: string;
}

/**
 * 券贷联动: a bank confirms a voucher is genuine and reads its balance (ADR 0030). Signed out, rate
 * limited per address and audited; the answer names the program, the status, the face value, the balance
 * and the validity — never the holder (a bank that gives the borrower's credit code learns only whether it
 * matches), the contract or anything else.
 */
@ApiTags('public')
@Public()
@Controller('public/voucher-verifications')
export class VoucherVerificationController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
  ) {}

  @ApiAction('', '核验算力券 · Verify a voucher certificate', VoucherVerificationResponse)
  @UseGuards(VerificationRateLimit)
  async verify(@Body() dto: VerifyVoucherDto, @Req() req: Request) {
    const number = dto.voucherNumber;
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(number);
    const rows: Found[] = await this.db.query(
      `SELECT v.id, 'voucher' AS kind, v.program_code, v.program_version, v.status, v.face_value::text AS face_value,
              v.redeemed_amount::text AS used, NULL::int AS valid_year, e.credit_code
         FROM vouchers v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.id = $2::uuid OR v.reference_no = $1::text
       UNION ALL
       SELECT p.id, 'pool_voucher', p.program_code, p.program_version, p.status, p.face_value::text, p.deducted::text,
              p.valid_year, e.credit_code
         FROM pool_vouchers p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.voucher_no = $1::text`,
      [number, isUuid ? number : null],
    );
    const found = rows[0];
    const ip = req.ip ?? 'unknown';
    // The number is audited as a hash: the log proves what was asked without becoming a list of numbers.
    const numberHash = createHash('sha256').update(number).digest('hex').slice(0, 16);
    await appendAudit(
      this.db.manager,
      `public:${ip}`.slice(0, 100),
      'voucher.verification',
      [found ? found.kind : 'request', found ? found.id : 'POST /public/voucher-verifications'],
      {
        after: {
          ip,
          numberHash,
          genuine: Boolean(found),
          creditCodeGiven: dto.creditCode !== undefined,
          userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200),
        },
      },
    );
    if (!found)
      throw new NotFoundException({
        statusCode: 404,
        code: 'VOUCHER_NOT_FOUND',
        genuine: false,
        message: 'No voucher with this number (查无此券)',
      });
    const { definition } = await this.catalog.version(found.program_code, found.program_version);
    const active = found.status === 'active';
    const balance = active
      ? Money.parse(found.face_value).minus(Money.parse(found.used)).clampToZero()
      : Money.zero();
    let validUntil: string | null = null;
    if (definition.validity.kind === 'issuance-year' && found.valid_year !== null)
      validUntil = `${found.valid_year}-12-31`;
    else if (definition.validity.kind === 'plan')
      validUntil = quarterEndDate(
        definition.redemption.finalRun.year,
        definition.redemption.finalRun.quarter,
      );
    return {
      genuine: true,
      voucherNumber: number,
      programCode: found.program_code,
      programName: definition.name,
      authority: definition.authority.name,
      status: found.status,
      faceValue: found.face_value,
      balance: balance.toString(),
      validUntil,
      ...(dto.creditCode !== undefined ? { holderMatches: dto.creditCode === found.credit_code } : {}),
    };
  }
}
