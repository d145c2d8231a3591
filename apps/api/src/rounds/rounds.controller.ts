import { Body, UploadedFile } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ObjectionDecisionDto, ReviewEntryDto, SubmitEntryDto } from './rounds.dto';
import {
  RoundEntriesResponse,
  RoundEntryDetailResponse,
  RoundEntryListResponse,
  RoundEntryResponse,
  RoundListResponse,
  RoundMaterialUploadedResponse,
  RoundObjectionListResponse,
  RoundResponse,
} from './rounds.responses';
import { RoundsService } from './rounds.service';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiAction, ApiController, ApiGet, ApiPost, DocumentDownload, IdParam } from '../common/routes';

export class OpenRoundDto {
  @ApiProperty({ example: 'chengdu-tehui' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/)
  programCode!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** Applicants' entries in the ranked rounds (特惠算力券 by units, 算力补贴券 by suppliers). */
@ApiController('rounds', 'round-entries')
export class RoundEntriesController {
  constructor(private readonly rounds: RoundsService) {}

  @ApiPost('', '报名评选批次 · Enter a round', RoundEntryDetailResponse)
  @Roles('enterprise', 'supplier')
  submit(@CurrentUser() me: Principal, @Body() dto: SubmitEntryDto) {
    return this.rounds.submit(me, dto);
  }

  @ApiGet('', "我的报名 · The caller's round entries", RoundEntryListResponse)
  @Roles('enterprise', 'supplier')
  mine(@CurrentUser() me: Principal) {
    return this.rounds.mine(me);
  }

  /** One document of the entry (`code`: one of the program's application materials). */
  @ApiPost(':id/materials', '上传报名材料 · Upload a round entry material', RoundMaterialUploadedResponse)
  @Roles('enterprise', 'supplier')
  @DocumentUpload('Materials', { fields: ['code'] })
  upload(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body('code') code: string | undefined,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    requireDocument(file, 'file', 'Attach a non-empty file in the "file" field (请上传文件)');
    return this.rounds.addMaterial(me, id, typeof code === 'string' ? code : undefined, file);
  }

  @DocumentDownload(
    ':id/materials/:materialId',
    '下载报名材料 · Download a round entry material',
    'The stored material',
  )
  @Roles('enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  download(@CurrentUser() me: Principal, @IdParam() id: string, @IdParam('materialId') materialId: string) {
    return this.rounds.material(me, id, materialId);
  }

  @ApiGet(':id', '报名详情 · One round entry', RoundEntryDetailResponse)
  @Roles('enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  entry(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.rounds.entry(me, id);
  }
}

/** The bureau's side of a round: ranking, review with backfill, objections, finance approval. */
@ApiController('rounds', 'rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @ApiGet('', '评选批次列表 · List rounds', RoundListResponse)
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  list() {
    return this.rounds.list();
  }

  /** Opens (starts) a round before its first entry, e.g. to show it; idempotent. */
  @ApiPost('', '开启评选批次 · Open a round', RoundResponse)
  @Roles('admin')
  async open(@Body() dto: OpenRoundDto) {
    return this.rounds.open(dto.programCode, dto.year);
  }

  @ApiGet(':id', '评选批次详情 · One round', RoundResponse)
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  detail(@IdParam() id: string) {
    return this.rounds.detail(id);
  }

  @ApiGet(':id/entries', "批次报名列表 · A round's entries", RoundEntriesResponse)
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  entries(@IdParam() id: string) {
    return this.rounds.entries(id);
  }

  @ApiGet(':id/objections', "批次异议列表 · A round's objections", RoundObjectionListResponse)
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  objections(@IdParam() id: string) {
    return this.rounds.objections(id);
  }

  @ApiAction(':id/close', '截止报名 · Close a round to entries', RoundResponse)
  @Roles('reviewer', 'senior_reviewer', 'admin')
  close(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.rounds.close(me, id);
  }

  @ApiAction(':id/entries/:entryId/review', '评审报名 · Review a round entry', RoundEntryResponse)
  @Roles('reviewer', 'senior_reviewer')
  review(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @IdParam('entryId') entryId: string,
    @Body() dto: ReviewEntryDto,
  ) {
    return this.rounds.review(me, id, entryId, dto);
  }

  @ApiAction(':id/objections/:objectionId/decision', '处理异议 · Decide an objection', RoundResponse)
  @Roles('senior_reviewer')
  decide(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @IdParam('objectionId') objectionId: string,
    @Body() dto: ObjectionDecisionDto,
  ) {
    return this.rounds.decideObjection(me, id, objectionId, dto);
  }

  @ApiAction(':id/approve', "批准评选结果 · Approve a round's results", RoundResponse)
  @Roles('finance')
  approve(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.rounds.approve(me, id);
  }
}
