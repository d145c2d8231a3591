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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('programs')
  programs() {
    return this.admin.programs();
  }

  @Patch('programs/:code')
  setProgramActive(@CurrentUser() me: Principal, @Param('code') code: string, @Body() dto: ProgramActiveDto) {
    return this.admin.setProgramActive(me, code, dto.active);
  }

  @Get('enterprises')
  enterprises(@Query() q: AdminListQuery) {
    return this.admin.list('enterprises', q);
  }

  @Get('enterprises/:id')
  enterprise(@Param('id', ParseUUIDPipe) id: string) {
    return this.admin.one('enterprises', id);
  }

  @Post('enterprises')
  createEnterprise(@CurrentUser() me: Principal, @Body() dto: EnterpriseDto) {
    return this.admin.saveEnterprise(me, null, dto);
  }

  @Put('enterprises/:id')
  updateEnterprise(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnterpriseDto,
  ) {
    return this.admin.saveEnterprise(me, id, dto);
  }

  @Get('suppliers')
  suppliers(@Query() q: AdminListQuery) {
    return this.admin.list('suppliers', q);
  }

  @Get('suppliers/:id')
  supplier(@Param('id', ParseUUIDPipe) id: string) {
    return this.admin.one('suppliers', id);
  }

  @Post('suppliers')
  createSupplier(@CurrentUser() me: Principal, @Body() dto: SupplierDto) {
    return this.admin.saveSupplier(me, null, dto);
  }

  @Put('suppliers/:id')
  updateSupplier(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SupplierDto,
  ) {
    return this.admin.saveSupplier(me, id, dto);
  }

  @Get('related-parties')
  relatedParties(@Query() q: AdminListQuery) {
    return this.admin.list('related_party_links', q);
  }

  @Post('related-parties')
  link(@CurrentUser() me: Principal, @Body() dto: RelatedPartyDto) {
    return this.admin.link(me, dto);
  }

  @Delete('related-parties/:id')
  @HttpCode(200)
  unlink(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.admin.unlink(me, id);
  }

  @Get('users')
  users(@Query() q: UserListQuery) {
    return this.admin.users(q);
  }

  @Post('users')
  createUser(@CurrentUser() me: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(me, dto);
  }

  @Patch('users/:id')
  setUserActive(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UserActiveDto,
  ) {
    return this.admin.setUserActive(me, id, dto.active);
  }

  /** Gives a user another role (audited); their earlier sign-ins are revoked at once. */
  @Put('users/:id/role')
  changeUserRole(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeUserRoleDto,
  ) {
    return this.admin.changeUserRole(me, id, dto);
  }

  /** Sets a new password for a user who lost theirs (audited; the user should change it after signing in). */
  @Put('users/:id/password')
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
  withdraw(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawVoucherDto,
  ) {
    return this.admin.withdrawVoucher(me, id, dto.reason);
  }

  @Get('clock')
  clock() {
    return this.admin.clock();
  }

  @Put('clock')
  setClock(@CurrentUser() me: Principal, @Body() dto: ClockDto) {
    return this.admin.setClock(me, dto.businessDate);
  }
}
