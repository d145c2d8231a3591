import { Body, HttpCode, Param, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import {
  ApiController,
  ApiGet,
  ApiPost,
  ApiAction,
  ApiPut,
  ApiPatch,
  ApiDelete,
  IdParam,
} from '../common/routes';
import {
  AdminListQuery,
  ClockDto,
  CreateUserDto,
  EnterpriseDto,
  ProgramActiveDto,
  RelatedPartyDto,
  SupplierDto,
  ChangeUserRoleDto,
  ResetPasswordDto,
  UserActiveDto,
  UserListQuery,
  WithdrawVoucherDto,
} from './admin.dto';
import { AdminService } from './admin.service';
import {
  ClockResponse,
  DeletedResponse,
  EnterprisePage,
  EnterpriseRecordResponse,
  PasswordResetResponse,
  ProgramActiveResponse,
  ProgramRecordResponse,
  RelatedPartyLinkResponse,
  RelatedPartyPage,
  SupplierPage,
  SupplierRecordResponse,
  UserActiveResponse,
  UserPage,
  UserRecordResponse,
  UserRoleResponse,
  VoucherWithdrawalResponse,
} from './admin.responses';

@ApiController('admin', 'admin')
@Roles('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @ApiGet('programs', '政策项目列表 · List programs', [ProgramRecordResponse])
  programs() {
    return this.admin.programs();
  }

  @ApiPatch('programs/:code', '启用或停用政策项目 · Activate or deactivate a program', ProgramActiveResponse)
  setProgramActive(@CurrentUser() me: Principal, @Param('code') code: string, @Body() dto: ProgramActiveDto) {
    return this.admin.setProgramActive(me, code, dto.active);
  }

  @ApiGet('enterprises', '企业名录 · List enterprises', EnterprisePage)
  enterprises(@Query() q: AdminListQuery) {
    return this.admin.list('enterprises', q);
  }

  @ApiGet('enterprises/:id', '企业详情 · One enterprise', EnterpriseRecordResponse)
  enterprise(@IdParam() id: string) {
    return this.admin.one('enterprises', id);
  }

  @ApiPost('enterprises', '登记企业 · Register an enterprise', EnterpriseRecordResponse)
  createEnterprise(@CurrentUser() me: Principal, @Body() dto: EnterpriseDto) {
    return this.admin.saveEnterprise(me, null, dto);
  }

  @ApiPut('enterprises/:id', '修改企业信息 · Update an enterprise', EnterpriseRecordResponse)
  updateEnterprise(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: EnterpriseDto) {
    return this.admin.saveEnterprise(me, id, dto);
  }

  @ApiGet('suppliers', '服务商名录 · List suppliers', SupplierPage)
  suppliers(@Query() q: AdminListQuery) {
    return this.admin.list('suppliers', q);
  }

  @ApiGet('suppliers/:id', '服务商详情 · One supplier', SupplierRecordResponse)
  supplier(@IdParam() id: string) {
    return this.admin.one('suppliers', id);
  }

  @ApiPost('suppliers', '登记服务商 · Register a supplier', SupplierRecordResponse)
  createSupplier(@CurrentUser() me: Principal, @Body() dto: SupplierDto) {
    return this.admin.saveSupplier(me, null, dto);
  }

  @ApiPut('suppliers/:id', '修改服务商信息 · Update a supplier', SupplierRecordResponse)
  updateSupplier(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: SupplierDto) {
    return this.admin.saveSupplier(me, id, dto);
  }

  @ApiGet('related-parties', '关联关系列表 · List related-party links', RelatedPartyPage)
  relatedParties(@Query() q: AdminListQuery) {
    return this.admin.list('related_party_links', q);
  }

  @ApiPost('related-parties', '登记关联关系 · Record a related-party link', RelatedPartyLinkResponse)
  link(@CurrentUser() me: Principal, @Body() dto: RelatedPartyDto) {
    return this.admin.link(me, dto);
  }

  @ApiDelete('related-parties/:id', '解除关联关系 · Remove a related-party link', DeletedResponse)
  @HttpCode(200)
  unlink(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.admin.unlink(me, id);
  }

  @ApiGet('users', '用户列表 · List users', UserPage)
  users(@Query() q: UserListQuery) {
    return this.admin.users(q);
  }

  @ApiPost('users', '创建用户 · Create a user', UserRecordResponse)
  createUser(@CurrentUser() me: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(me, dto);
  }

  @ApiPatch('users/:id', '启用或停用用户 · Activate or deactivate a user', UserActiveResponse)
  setUserActive(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: UserActiveDto) {
    return this.admin.setUserActive(me, id, dto.active);
  }

  /** Gives a user another role (audited); their earlier sign-ins are revoked at once. */
  @ApiPut('users/:id/role', "变更用户角色 · Change a user's role", UserRoleResponse)
  changeUserRole(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ChangeUserRoleDto) {
    return this.admin.changeUserRole(me, id, dto);
  }

  /** Sets a new password for a user who lost theirs (audited; the user should change it after signing in). */
  @ApiPut('users/:id/password', "重置用户密码 · Reset a user's password", PasswordResetResponse)
  resetPassword(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ResetPasswordDto) {
    return this.admin.resetPassword(me, id, dto.password);
  }

  /** Withdraws a voucher (e.g. a clawback case under §五): no further payouts are computed against it. */
  @ApiAction('vouchers/:id/withdraw', '撤回算力券 · Withdraw a voucher', VoucherWithdrawalResponse)
  withdraw(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: WithdrawVoucherDto) {
    return this.admin.withdrawVoucher(me, id, dto.reason);
  }

  @ApiGet('clock', '查看业务日期 · Read the (sandbox) business clock', ClockResponse)
  clock() {
    return this.admin.clock();
  }

  @ApiPut('clock', '设置沙盒业务日期 · Set the sandbox business clock', ClockResponse)
  setClock(@CurrentUser() me: Principal, @Body() dto: ClockDto) {
    return this.admin.setClock(me, dto.businessDate);
  }
}
