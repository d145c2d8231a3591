import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UnprocessableEntityException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { flattenValidationErrors } from '../common/validation';
import {
  MaterialCodeDto,
  PoolApplicationListQuery,
  PoolDecisionDto,
  PoolRedemptionListQuery,
  PoolStateQuery,
  RecordDeductionDto,
} from './pool.dto';
import {
  PoolApplicationDetailResponse,
  PoolApplicationPage,
  PoolApplicationReceivedResponse,
  PoolDecisionResponse,
  PoolDeductionResponse,
  PoolMaterialResponse,
  PoolRedemptionDecisionResponse,
  PoolRedemptionPage,
  PoolRedemptionResponse,
  PoolStateResponse,
  PoolVoucherRowResponse,
} from './pool.responses';
import { PoolService, type UploadedMaterial } from './pool.service';
import { documentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiFileResponse } from '../common/openapi';

/** Materials: PDF or images, at most 10 MB each (as for the other programs' applications). */
const materialUpload = () => documentUpload('file', 'Materials');

const MATERIAL_BODY = {
  schema: {
    type: 'object',
    properties: { code: { type: 'string' }, file: { type: 'string', format: 'binary' } },
  },
};

/** The material's `code` (a multipart field, or `?code=`) and `file`, checked like any other input. */
async function materialInput(body: unknown, query: unknown, file: Express.Multer.File | undefined) {
  const code = (body as { code?: unknown })?.code ?? (query as { code?: unknown })?.code;
  const dto = plainToInstance(MaterialCodeDto, { code });
  const errors = flattenValidationErrors(await validate(dto));
  if (errors.length) {
    throw new UnprocessableEntityException({
      code: 'VALIDATION_FAILED',
      message: 'code is required',
      errors,
    });
  }
  requireDocument(file, 'file', 'Attach a non-empty file in the "file" field');
  return { code: dto.code, file: file as UploadedMaterial };
}

const STAFF = ['reviewer', 'senior_reviewer', 'finance', 'admin'] as const;

@ApiTags('pool')
@ApiBearerAuth()
@Controller()
export class PoolController {
  constructor(private readonly pool: PoolService) {}

  @Get('pools/:programCode')
  @Roles('enterprise', ...STAFF)
  @ApiOperation({ summary: "资金池状态 · A pool program's state" })
  @ApiOkResponse({ type: PoolStateResponse })
  state(@CurrentUser() me: Principal, @Param('programCode') code: string, @Query() q: PoolStateQuery) {
    return this.pool.state(me, code, q.year);
  }

  @Post('pools/:programCode/applications')
  @Roles('enterprise')
  @ApiOperation({ summary: '申请资金池额度 · Apply to a pool program' })
  @ApiCreatedResponse({ type: PoolApplicationReceivedResponse })
  apply(@CurrentUser() me: Principal, @Param('programCode') code: string) {
    return this.pool.apply(me, code);
  }

  @Get('pools/:programCode/applications')
  @Roles('enterprise', ...STAFF)
  @ApiOperation({ summary: '资金池申请列表 · List pool applications' })
  @ApiOkResponse({ type: PoolApplicationPage })
  list(
    @CurrentUser() me: Principal,
    @Param('programCode') code: string,
    @Query() q: PoolApplicationListQuery,
  ) {
    return this.pool.list(me, code, q);
  }

  @Get('pool-applications/:id')
  @Roles('enterprise', ...STAFF)
  @ApiOperation({ summary: '资金池申请详情 · One pool application' })
  @ApiOkResponse({ type: PoolApplicationDetailResponse })
  detail(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.pool.detail(me, id);
  }

  @Post('pool-applications/:id/materials')
  @Roles('enterprise')
  @ApiConsumes('multipart/form-data')
  @ApiBody(MATERIAL_BODY)
  @UseInterceptors(materialUpload())
  @ApiOperation({ summary: '上传资金池申请材料 · Upload a pool application material' })
  @ApiCreatedResponse({ type: PoolMaterialResponse })
  async uploadApplicationMaterial(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Query() query: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    const input = await materialInput(body, query, file);
    return this.pool.addApplicationMaterial(me, id, input.code, input.file);
  }

  @Get('pool-applications/:id/materials/:materialId')
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: '下载资金池申请材料 · Download a pool application material' })
  @ApiFileResponse('The stored material')
  async downloadApplicationMaterial(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('materialId', ParseUUIDPipe) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const m = await this.pool.material(me, 'application', id, materialId);
    sendStoredDocument(res, m.filename, m.contentType);
    return new StreamableFile(m.content);
  }

  @Post('pool-applications/:id/decision')
  @HttpCode(200)
  @Roles('reviewer', 'senior_reviewer')
  @ApiOperation({ summary: '审核资金池申请 · Decide a pool application' })
  @ApiOkResponse({ type: PoolDecisionResponse })
  decide(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PoolDecisionDto) {
    return this.pool.decide(me, id, dto);
  }

  @Get('pool-vouchers')
  @Roles('enterprise')
  @ApiOperation({ summary: '资金池额度列表 · List pool vouchers' })
  @ApiOkResponse({ type: [PoolVoucherRowResponse] })
  vouchers(@CurrentUser() me: Principal) {
    return this.pool.vouchers(me);
  }

  @Post('pool-deductions')
  @Roles('supplier')
  @ApiOperation({ summary: '登记资金池扣减 · Record a pool deduction' })
  @ApiCreatedResponse({ type: PoolDeductionResponse })
  deduct(@CurrentUser() me: Principal, @Body() dto: RecordDeductionDto) {
    return this.pool.deduct(me, dto);
  }

  @Get('pool-deductions')
  @Roles('enterprise', 'supplier', ...STAFF)
  @ApiOperation({ summary: '资金池扣减列表 · List pool deductions' })
  @ApiOkResponse({ type: [PoolDeductionResponse] })
  deductions(@CurrentUser() me: Principal) {
    return this.pool.deductions(me);
  }

  @Post('pool-deductions/:id/redemption')
  @Roles('supplier')
  @ApiOperation({ summary: '发起资金池兑付 · Start a pool redemption for a deduction' })
  @ApiCreatedResponse({ type: PoolRedemptionResponse })
  startRedemption(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.pool.startRedemption(me, id);
  }

  @Get('pool-redemptions')
  @Roles('supplier', ...STAFF)
  @ApiOperation({ summary: '资金池兑付列表 · List pool redemptions' })
  @ApiOkResponse({ type: PoolRedemptionPage })
  redemptions(@CurrentUser() me: Principal, @Query() q: PoolRedemptionListQuery) {
    return this.pool.redemptions(me, q);
  }

  @Get('pool-redemptions/:id')
  @Roles('supplier', ...STAFF)
  @ApiOperation({ summary: '资金池兑付详情 · One pool redemption' })
  @ApiOkResponse({ type: PoolRedemptionResponse })
  redemption(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.pool.redemption(me, id);
  }

  @Post('pool-redemptions/:id/materials')
  @Roles('supplier')
  @ApiConsumes('multipart/form-data')
  @ApiBody(MATERIAL_BODY)
  @UseInterceptors(materialUpload())
  @ApiOperation({ summary: '上传资金池兑付材料 · Upload a pool redemption material' })
  @ApiCreatedResponse({ type: PoolMaterialResponse })
  async uploadRedemptionMaterial(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Query() query: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    const input = await materialInput(body, query, file);
    return this.pool.addRedemptionMaterial(me, id, input.code, input.file);
  }

  @Post('pool-redemptions/:id/submit')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '提交资金池兑付 · Submit a pool redemption' })
  @ApiOkResponse({ type: PoolRedemptionResponse })
  submitRedemption(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.pool.submitRedemption(me, id);
  }

  @Post('pool-redemptions/:id/decision')
  @HttpCode(200)
  @Roles('reviewer', 'senior_reviewer', 'finance')
  @ApiOperation({ summary: '审核资金池兑付 · Decide a pool redemption' })
  @ApiOkResponse({ type: PoolRedemptionDecisionResponse })
  decideRedemption(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PoolDecisionDto,
  ) {
    return this.pool.decideRedemption(me, id, dto);
  }
}
