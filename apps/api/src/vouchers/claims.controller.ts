import { Body, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ApiController, ApiGet, ApiPost } from '../common/routes';
import { FileClaimDto } from './claims.dto';
import {
  EnterpriseSettlementPage,
  EnterpriseVoucherPage,
  RedemptionClaimPage,
  RedemptionClaimResponse,
} from './claims.responses';
import { ClaimsService } from './claims.service';

@ApiController('enterprise')
@Roles('enterprise')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @ApiGet('vouchers', "企业算力券列表 · The enterprise's vouchers", EnterpriseVoucherPage)
  vouchers(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.vouchers(me, q);
  }

  @ApiGet('settlements', "企业结算列表 · The enterprise's settlements", EnterpriseSettlementPage)
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.settlements(me, q);
  }

  @ApiPost('claims', '提交兑付申请 · File a redemption claim', RedemptionClaimResponse)
  file(@CurrentUser() me: Principal, @Body() dto: FileClaimDto) {
    return this.claims.file(me, dto);
  }

  @ApiGet('claims', "兑付申请列表 · The enterprise's redemption claims", RedemptionClaimPage)
  list(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.claims.list(me, q);
  }
}
