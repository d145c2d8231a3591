import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { FileClaimDto } from './claims.dto';
import {
  EnterpriseSettlementPage,
  EnterpriseVoucherPage,
  RedemptionClaimPage,
  RedemptionClaimResponse,
} from './claims.responses';
import { ClaimsService } from './claims.service';

@ApiTags('enterprise')
@ApiBearerAuth()
@Controller()
@Roles('enterprise')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get('vouchers')
  @ApiOperation({ summary: "企业算力券列表 · The enterprise's vouchers" })
  @ApiOkResponse({ type: EnterpriseVoucherPage })
  vouchers(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.vouchers(me, q);
  }

  @Get('settlements')
  @ApiOperation({ summary: "企业结算列表 · The enterprise's settlements" })
  @ApiOkResponse({ type: EnterpriseSettlementPage })
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.settlements(me, q);
  }

  @Post('claims')
  @ApiOperation({ summary: '提交兑付申请 · File a redemption claim' })
  @ApiCreatedResponse({ type: RedemptionClaimResponse })
  file(@CurrentUser() me: Principal, @Body() dto: FileClaimDto) {
    return this.claims.file(me, dto);
  }

  @Get('claims')
  @ApiOperation({ summary: "兑付申请列表 · The enterprise's redemption claims" })
  @ApiOkResponse({ type: RedemptionClaimPage })
  list(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.list(me, q);
  }
}
