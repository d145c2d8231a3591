import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IsMoneyAmount } from '../common/money.validators';
import { PageQuery } from '../common/pagination';
import { ClaimsService } from './claims.service';

export class FileClaimDto {
  @ApiProperty({ format: 'uuid', description: 'The supplier-confirmed settlement this claim redeems' })
  @IsUUID('all', { message: 'settlementId must be a settlement id (UUID)' })
  settlementId!: string;

  @ApiProperty({ description: 'Must match the confirmed settlement' })
  @IsString()
  @Length(1, 64)
  invoiceNumber!: string;

  @ApiProperty({ example: '250000.00', description: 'Invoiced amount; must match the confirmed settlement' })
  @IsMoneyAmount()
  invoicedAmount!: string;
}

@ApiTags('enterprise')
@ApiBearerAuth()
@Controller()
@Roles('enterprise')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get('vouchers')
  vouchers(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.vouchers(me, q);
  }

  @Get('settlements')
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.settlements(me, q);
  }

  @Post('claims')
  file(@CurrentUser() me: Principal, @Body() dto: FileClaimDto) {
    return this.claims.file(me, dto);
  }

  @Get('claims')
  list(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.list(me, q);
  }
}
