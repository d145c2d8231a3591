import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
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

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('programs')
  @ApiOperation({ summary: '政策项目列表 · List programs' })
  @ApiOkResponse({ type: [ProgramRecordResponse] })
  programs() {
    return this.admin.programs();
  }

  @Patch('programs/:code')
  @ApiOperation({ summary: '启用或停用政策项目 · Activate or deactivate a program' })
  @ApiOkResponse({ type: ProgramActiveResponse })
  setProgramActive(@CurrentUser() me: Principal, @Param('code') code: string, @Body() dto: ProgramActiveDto) {
    return this.admin.setProgramActive(me, code, dto.active);
  }

  @Get('enterprises')
  @ApiOperation({ summary: '企业名录 · List enterprises' })
  @ApiOkResponse({ type: EnterprisePage })
  enterprises(@Query() q: AdminListQuery) {
    return this.admin.list('enterprises', q);
  }

  @Get('enterprises/:id')
  @ApiOperation({ summary: '企业详情 · One enterprise' })
  @ApiOkResponse({ type: EnterpriseRecordResponse })
  enterprise(@Param('id', ParseUUIDPipe) id: string) {
    return this.admin.one('enterprises', id);
  }

  @Post('enterprises')
  @ApiOperation({ summary: '登记企业 · Register an enterprise' })
  @ApiCreatedResponse({ type: EnterpriseRecordResponse })
  createEnterprise(@CurrentUser() me: Principal, @Body() dto: EnterpriseDto) {
    return this.admin.saveEnterprise(me, null, dto);
  }

  @Put('enterprises/:id')
  @ApiOperation({ summary: '修改企业信息 · Update an enterprise' })
  @ApiOkResponse({ type: EnterpriseRecordResponse })
  updateEnterprise(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnterpriseDto,
  ) {
    return this.admin.saveEnterprise(me, id, dto);
  }

  @Get('suppliers')
  @ApiOperation({ summary: '服务商名录 · List suppliers' })
  @ApiOkResponse({ type: SupplierPage })
  suppliers(@Query() q: AdminListQuery) {
    return this.admin.list('suppliers', q);
  }

  @Get('suppliers/:id')
  @ApiOperation({ summary: '服务商详情 · One supplier' })
  @ApiOkResponse({ type: SupplierRecordResponse })
  supplier(@Param('id', ParseUUIDPipe) id: string) {
    return this.admin.one('suppliers', id);
  }

  @Post('suppliers')
  @ApiOperation({ summary: '登记服务商 · Register a supplier' })
  @ApiCreatedResponse({ type: SupplierRecordResponse })
  createSupplier(@CurrentUser() me: Principal, @Body() dto: SupplierDto) {
    return this.admin.saveSupplier(me, null, dto);
  }

  @Put('suppliers/:id')
  @ApiOperation({ summary: '修改服务商信息 · Update a supplier' })
  @ApiOkResponse({ type: SupplierRecordResponse })
  updateSupplier(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SupplierDto,
  ) {
    return this.admin.saveSupplier(me, id, dto);
  }

  @Get('related-parties')
  @ApiOperation({ summary: '关联关系列表 · List related-party links' })
  @ApiOkResponse({ type: RelatedPartyPage })
  relatedParties(@Query() q: AdminListQuery) {
    return this.admin.list('related_party_links', q);
  }

  @Post('related-parties')
  @ApiOperation({ summary: '登记关联关系 · Link an enterprise and a supplier as related parties' })
  @ApiCreatedResponse({ type: RelatedPartyLinkResponse })
  link(@CurrentUser() me: Principal, @Body() dto: RelatedPartyDto) {
    return this.admin.link(me, dto);
  }

  @Delete('related-parties/:id')
  @HttpCode(200)
  @ApiOperation({ summary: '解除关联关系 · Remove a related-party link' })
  @ApiOkResponse({ type: DeletedResponse })
  unlink(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.admin.unlink(me, id);
  }

  @Get('users')
  @ApiOperation({ summary: '用户列表 · List users' })
  @ApiOkResponse({ type: UserPage })
  users(@Query() q: UserListQuery) {
    return this.admin.users(q);
  }

  @Post('users')
  @ApiOperation({ summary: '创建用户 · Create a user' })
  @ApiCreatedResponse({ type: UserRecordResponse })
  createUser(@CurrentUser() me: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(me, dto);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: '启用或停用用户 · Activate or deactivate a user' })
  @ApiOkResponse({ type: UserActiveResponse })
  setUserActive(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UserActiveDto,
  ) {
    return this.admin.setUserActive(me, id, dto.active);
  }

  /** Gives a user another role (audited); their earlier sign-ins are revoked at once. */
  @Put('users/:id/role')
  @ApiOperation({ summary: "变更用户角色 · Change a user's role" })
  @ApiOkResponse({ type: UserRoleResponse })
  changeUserRole(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeUserRoleDto,
  ) {
    return this.admin.changeUserRole(me, id, dto);
  }

  /** Sets a new password for a user who lost theirs (audited; the user should change it after signing in). */
  @Put('users/:id/password')
  @ApiOperation({ summary: "重置用户密码 · Reset a user's password" })
  @ApiOkResponse({ type: PasswordResetResponse })
  resetPassword(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ) {
    return this.admin.resetPassword(me, id, dto.password);
  }

  /** Withdraws a voucher (e.g. a clawback case under §五): no further payouts are computed against it. */
  @Post('vouchers/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回算力券 · Withdraw a voucher' })
  @ApiOkResponse({ type: VoucherWithdrawalResponse })
  withdraw(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawVoucherDto,
  ) {
    return this.admin.withdrawVoucher(me, id, dto.reason);
  }

  @Get('clock')
  @ApiOperation({ summary: '查看业务日期 · Read the (sandbox) business clock' })
  @ApiOkResponse({ type: ClockResponse })
  clock() {
    return this.admin.clock();
  }

  @Put('clock')
  @ApiOperation({ summary: '设置沙盒业务日期 · Set the sandbox business clock' })
  @ApiOkResponse({ type: ClockResponse })
  setClock(@CurrentUser() me: Principal, @Body() dto: ClockDto) {
    return this.admin.setClock(me, dto.businessDate);
  }
}
