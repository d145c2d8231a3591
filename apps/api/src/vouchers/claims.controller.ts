import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { FileClaimDto } from './claims.dto';
import { ClaimsService } from './claims.service';

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
