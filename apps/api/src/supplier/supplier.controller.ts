import { Body, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ApiController, ApiGet, ApiPost, IdParam } from '../common/routes';
import { ConfirmSettlementDto } from './supplier.dto';
import {
  SupplierContractPage,
  SupplierContractResponse,
  SupplierSettlementPage,
  SupplierSettlementResponse,
} from './supplier.responses';
import { SupplierService } from './supplier.service';

@ApiController('supplier', 'supplier')
@Roles('supplier')
export class SupplierController {
  constructor(private readonly supplier: SupplierService) {}

  @ApiGet('contracts', "服务商合同列表 · The supplier's contracts", SupplierContractPage)
  contracts(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.contracts(me, q);
  }

  @ApiGet('contracts/:id', '服务商合同详情 · One contract of the supplier', SupplierContractResponse)
  contract(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.supplier.contract(me, id);
  }

  @ApiPost(
    'contracts/:id/settlements',
    '确认结算 · Confirm a settlement on a contract',
    SupplierSettlementResponse,
  )
  confirm(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ConfirmSettlementDto) {
    return this.supplier.confirm(me, id, dto);
  }

  @ApiGet('settlements', "服务商结算列表 · The supplier's settlements", SupplierSettlementPage)
  settlements(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.supplier.settlements(me, q);
  }
}
