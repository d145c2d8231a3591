import { BadRequestException, Body, NotFoundException, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgramCatalog, ProgramRecord, type CatalogWrite } from '@app/persistence';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiController, ApiGet, ApiPost } from '../common/routes';
import { AddProgramVersionDto, AddSupplierListDto } from './program-versions.dto';
import {
  ProgramVersionAddedResponse,
  ProgramVersionResponse,
  SupplierListAddedResponse,
  SupplierListResponse,
} from './admin.responses';

/** Programs as versioned data: list and add versions, publish supplier lists. Admin only; audited. */
@ApiController('admin', 'admin/programs/:code')
@Roles('admin')
export class ProgramVersionsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
  ) {}

  @ApiGet('versions', "政策版本列表 · A program's versions", [ProgramVersionResponse])
  async versions(@Param('code') code: string) {
    await this.program(code);
    return (await this.catalog.versions(code)).map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      sourceDocument: v.sourceDocument,
      note: v.note,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      definition: v.definition,
    }));
  }

  @ApiPost('versions', '新增政策版本 · Add a program version', ProgramVersionAddedResponse)
  async addVersion(
    @CurrentUser() me: Principal,
    @Param('code') code: string,
    @Body() dto: AddProgramVersionDto,
  ) {
    await this.program(code);
    const saved = this.orBadRequest(await this.catalog.addVersion(me.userId, code, dto));
    return { version: saved.version, effectiveFrom: saved.effectiveFrom, definition: saved.definition };
  }

  @ApiGet('supplier-lists', "服务商名单列表 · A program's supplier lists", [SupplierListResponse])
  async supplierLists(@Param('code') code: string) {
    await this.program(code);
    return (await this.catalog.supplierLists(code)).map((l) => ({
      id: l.id,
      effectiveFrom: l.effectiveFrom,
      supplierCodes: l.supplierCodes,
      note: l.note,
      createdBy: l.createdBy,
      createdAt: l.createdAt,
    }));
  }

  @ApiPost('supplier-lists', '新增服务商名单 · Add a program supplier list', SupplierListAddedResponse)
  async addSupplierList(
    @CurrentUser() me: Principal,
    @Param('code') code: string,
    @Body() dto: AddSupplierListDto,
  ) {
    await this.program(code);
    const saved = this.orBadRequest(await this.catalog.addSupplierList(me.userId, code, dto));
    return { id: saved.id, effectiveFrom: saved.effectiveFrom, supplierCodes: saved.supplierCodes };
  }

  private async program(code: string) {
    if (!(await this.db.getRepository(ProgramRecord).existsBy({ code })))
      throw new NotFoundException({ message: 'program not found', code: 'NOT_FOUND' });
  }

  private orBadRequest<T>(result: CatalogWrite<T>): T {
    if (result.ok) return result.value;
    throw new BadRequestException({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Some fields are invalid (请检查填写内容)',
      errors: result.errors,
    });
  }
}
