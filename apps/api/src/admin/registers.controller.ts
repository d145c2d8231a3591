import { Query, type Type } from '@nestjs/common';
import { Roles } from '../auth/decorators';
import { ApiController, ApiGet } from '../common/routes';
import {
  ApplicationRegisterPage,
  ApplicationRegisterQuery,
  VoucherRegisterPage,
  VoucherRegisterQuery,
} from './registers.dto';
import { RegistersService } from './registers.service';

/** GET admin/<register>: one register's search, documented alike for each. */
const RegisterSearch = (path: string, zh: string, en: string, page: Type) =>
  ApiGet(path, `查询${zh}台账 · Search the register of ${en} (enterprise, number, status, program)`, page);

/** The administrator's registers of every application and voucher, searchable (ADR 0050). */
@ApiController('admin', 'admin')
@Roles('admin')
export class RegistersController {
  constructor(private readonly registers: RegistersService) {}

  @RegisterSearch('applications', '申请', 'applications', ApplicationRegisterPage)
  applications(@Query() q: ApplicationRegisterQuery) {
    return this.registers.applications(q);
  }

  @RegisterSearch('vouchers', '算力券', 'vouchers', VoucherRegisterPage)
  vouchers(@Query() q: VoucherRegisterQuery) {
    return this.registers.vouchers(q);
  }
}
