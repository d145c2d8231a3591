import { Body, Param, Query, UnprocessableEntityException, UploadedFile } from '@nestjs/common';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
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
import { DOCUMENT_PART, DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiAction, ApiController, ApiGet, ApiPost, DocumentDownload, IdParam } from '../common/routes';

/** Materials: PDF or images, at most 10 MB each (as for the other programs' applications). */
const MaterialUpload = () =>
  DocumentUpload('Materials', {
    schema: { type: 'object', properties: { code: { type: 'string' }, file: DOCUMENT_PART } },
  });

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

@ApiController('pool')
export class PoolController {
  constructor(private readonly pool: PoolService) {}

  @ApiGet('pools/:programCode', "资金池状态 · A pool program's state", PoolStateResponse)
  @Roles('enterprise', ...STAFF)
  state(@CurrentUser() me: Principal, @Param('programCode') code: string, @Query() q: PoolStateQuery) {
    return this.pool.state(me, code, q.year);
  }

  @ApiPost(
    'pools/:programCode/applications',
    '申请资金池额度 · Apply to a pool program',
    PoolApplicationReceivedResponse,
  )
  @Roles('enterprise')
  apply(@CurrentUser() me: Principal, @Param('programCode') code: string) {
    return this.pool.apply(me, code);
  }

  @ApiGet('pools/:programCode/applications', '资金池申请列表 · List pool applications', PoolApplicationPage)
  @Roles('enterprise', ...STAFF)
  list(
    @CurrentUser() me: Principal,
    @Param('programCode') code: string,
    @Query() q: PoolApplicationListQuery,
  ) {
    return this.pool.list(me, code, q);
  }

  @ApiGet('pool-applications/:id', '资金池申请详情 · One pool application', PoolApplicationDetailResponse)
  @Roles('enterprise', ...STAFF)
  detail(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.pool.detail(me, id);
  }

  @ApiPost(
    'pool-applications/:id/materials',
    '上传资金池申请材料 · Upload a pool application material',
    PoolMaterialResponse,
  )
  @Roles('enterprise')
  @MaterialUpload()
  async uploadApplicationMaterial(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() body: unknown,
    @Query() query: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    const input = await materialInput(body, query, file);
    return this.pool.addApplicationMaterial(me, id, input.code, input.file);
  }

  @DocumentDownload(
    'pool-applications/:id/materials/:materialId',
    '下载资金池申请材料 · Download a pool application material',
    'The stored material',
  )
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  downloadApplicationMaterial(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @IdParam('materialId') materialId: string,
  ) {
    return this.pool.material(me, 'application', id, materialId);
  }

  @ApiAction(
    'pool-applications/:id/decision',
    '审核资金池申请 · Decide a pool application',
    PoolDecisionResponse,
  )
  @Roles('reviewer', 'senior_reviewer')
  decide(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: PoolDecisionDto) {
    return this.pool.decide(me, id, dto);
  }

  @ApiGet('pool-vouchers', '资金池额度列表 · List pool vouchers', [PoolVoucherRowResponse])
  @Roles('enterprise')
  vouchers(@CurrentUser() me: Principal) {
    return this.pool.vouchers(me);
  }

  @ApiPost('pool-deductions', '登记资金池扣减 · Record a pool deduction', PoolDeductionResponse)
  @Roles('supplier')
  deduct(@CurrentUser() me: Principal, @Body() dto: RecordDeductionDto) {
    return this.pool.deduct(me, dto);
  }

  @ApiGet('pool-deductions', '资金池扣减列表 · List pool deductions', [PoolDeductionResponse])
  @Roles('enterprise', 'supplier', ...STAFF)
  deductions(@CurrentUser() me: Principal) {
    return this.pool.deductions(me);
  }

  @ApiPost(
    'pool-deductions/:id/redemption',
    '发起资金池兑付 · Start a pool redemption for a deduction',
    PoolRedemptionResponse,
  )
  @Roles('supplier')
  startRedemption(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.pool.startRedemption(me, id);
  }

  @ApiGet('pool-redemptions', '资金池兑付列表 · List pool redemptions', PoolRedemptionPage)
  @Roles('supplier', ...STAFF)
  redemptions(@CurrentUser() me: Principal, @Query() q: PoolRedemptionListQuery) {
    return this.pool.redemptions(me, q);
  }

  @ApiGet('pool-redemptions/:id', '资金池兑付详情 · One pool redemption', PoolRedemptionResponse)
  @Roles('supplier', ...STAFF)
  redemption(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.pool.redemption(me, id);
  }

  @ApiPost(
    'pool-redemptions/:id/materials',
    '上传资金池兑付材料 · Upload a pool redemption material',
    PoolMaterialResponse,
  )
  @Roles('supplier')
  @MaterialUpload()
  async uploadRedemptionMaterial(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() body: unknown,
    @Query() query: unknown,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    const input = await materialInput(body, query, file);
    return this.pool.addRedemptionMaterial(me, id, input.code, input.file);
  }

  @ApiAction(
    'pool-redemptions/:id/submit',
    '提交资金池兑付 · Submit a pool redemption',
    PoolRedemptionResponse,
  )
  @Roles('supplier')
  submitRedemption(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.pool.submitRedemption(me, id);
  }

  @ApiAction(
    'pool-redemptions/:id/decision',
    '审核资金池兑付 · Decide a pool redemption',
    PoolRedemptionDecisionResponse,
  )
  @Roles('reviewer', 'senior_reviewer', 'finance')
  decideRedemption(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: PoolDecisionDto) {
    return this.pool.decideRedemption(me, id, dto);
  }
}
