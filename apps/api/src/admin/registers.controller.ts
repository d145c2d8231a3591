import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ApiController } from '../common/routes';
import {
  ApplicationRegisterPage,
  ApplicationRegisterQuery,
  VoucherRegisterPage,
  VoucherRegisterQuery,
} from './registers.dto';
import { RegistersService } from './registers.service';

/** The administrator's registers of every application and voucher, searchable (ADR 0050). */
@ApiController('admin', 'admin')
@Roles('admin')
export class RegistersController {
  constructor(private readonly registers: RegistersService) {}

  @Get('applications')
  @ApiOperation({
    summary: '查询申请台账 · Search the register of applications (enterprise, number, status, program)',
  })
  @ApiOkResponse({ type: ApplicationRegisterPage })
  applications(@Query() q: ApplicationRegisterQuery) {
    return this.registers.applications(q);
  }

  @Get('vouchers')
  @ApiOperation({
    summary: '查询算力券台账 · Search the register of vouchers (enterprise, number, status, program)',
  })
  @ApiOkResponse({ type: VoucherRegisterPage })
  vouchers(@Query() q: VoucherRegisterQuery) {
    return this.registers.vouchers(q);
  }
}
