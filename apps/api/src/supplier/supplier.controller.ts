import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ConfirmSettlementDto } from './supplier.dto';
import {
  SupplierContractPage,
  SupplierContractResponse,
  SupplierSettlementPage,
  SupplierSettlementResponse,
} from './supplier.responses';
import { SupplierService } from './supplier.service';

@ApiTags('supplier')
@ApiBearerAuth()
@Controller('supplier')
@Roles('supplier')
export class SupplierController {
  constructor(private readonly supplier: SupplierService) {}

  @Get('contracts')
  @ApiOperation({ summary: "服务商合同列表 · The supplier's contracts" })
  @ApiOkResponse({ type: SupplierContractPage })
  contracts(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.contracts(me, q);
  }

  @Get('contracts/:id')
  @ApiOperation({ summary: '服务商合同详情 · One contract of the supplier' })
  @ApiOkResponse({ type: SupplierContractResponse })
  contract(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.supplier.contract(me, id);
  }

  @Post('contracts/:id/settlements')
  @ApiOperation({ summary: '确认结算 · Confirm a settlement on a contract' })
  @ApiCreatedResponse({ type: SupplierSettlementResponse })
  confirm(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConfirmSettlementDto,
  ) {
    return this.supplier.confirm(me, id, dto);
  }

  @Get('settlements')
  @ApiOperation({ summary: "服务商结算列表 · The supplier's settlements" })
  @ApiOkResponse({ type: SupplierSettlementPage })
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.settlements(me, q);
  }
}
