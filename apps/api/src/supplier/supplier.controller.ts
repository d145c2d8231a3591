import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ConfirmSettlementDto } from './supplier.dto';
import { SupplierService } from './supplier.service';

@ApiTags('supplier')
@ApiBearerAuth()
@Controller('supplier')
@Roles('supplier')
export class SupplierController {
  constructor(private readonly supplier: SupplierService) {}

  @Get('contracts')
  contracts(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.contracts(me, q);
  }

  @Get('contracts/:id')
  contract(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.supplier.contract(me, id);
  }

  @Post('contracts/:id/settlements')
  confirm(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConfirmSettlementDto,
  ) {
    return this.supplier.confirm(me, id, dto);
  }

  @Get('settlements')
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.settlements(me, q);
  }
}
