import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IsBusinessDate, IsMoneyAmount, IsNotBefore } from '../common/money.validators';
import { PageQuery } from '../common/pagination';
import { SupplierService } from './supplier.service';

export class ConfirmSettlementDto {
  @ApiProperty({ example: '2025-07-01' })
  @IsBusinessDate()
  periodStart!: string;

  @ApiProperty({ example: '2025-09-30' })
  @IsBusinessDate()
  @IsNotBefore('periodStart')
  periodEnd!: string;

  @ApiProperty({
    example: '250000.00',
    description: 'Invoiced amount for this delivered part (CNY excl. tax)',
  })
  @IsMoneyAmount()
  amount!: string;

  @ApiProperty({ example: '24110000000012345678' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'invoiceNumber may contain only letters, digits and hyphens' })
  invoiceNumber!: string;

  @ApiProperty({ example: '2025-10-08' })
  @IsBusinessDate()
  @IsNotBefore('periodStart')
  invoiceDate!: string;
}

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
