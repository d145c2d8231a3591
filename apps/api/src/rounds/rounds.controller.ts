import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
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
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
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
import { documentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiFileResponse } from '../common/openapi';

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
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('round-entries')
export class RoundEntriesController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @Roles('enterprise', 'supplier')
  @ApiOperation({ summary: '报名评选批次 · Enter a round' })
  @ApiCreatedResponse({ type: RoundEntryDetailResponse })
  submit(@CurrentUser() me: Principal, @Body() dto: SubmitEntryDto) {
    return this.rounds.submit(me, dto);
  }

  @Get()
  @Roles('enterprise', 'supplier')
  @ApiOperation({ summary: "我的报名 · The caller's round entries" })
  @ApiOkResponse({ type: RoundEntryListResponse })
  mine(@CurrentUser() me: Principal) {
    return this.rounds.mine(me);
  }

  /** One document of the entry (`code`: one of the program's application materials). */
  @Post(':id/materials')
  @Roles('enterprise', 'supplier')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, code: { type: 'string' } },
    },
  })
  @UseInterceptors(documentUpload('file', 'Materials'))
  @ApiOperation({ summary: '上传报名材料 · Upload a round entry material' })
  @ApiCreatedResponse({ type: RoundMaterialUploadedResponse })
  upload(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body('code') code: string | undefined,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    requireDocument(file, 'file', 'Attach a non-empty file in the "file" field (请上传文件)');
    return this.rounds.addMaterial(me, id, typeof code === 'string' ? code : undefined, file);
  }

  @Get(':id/materials/:materialId')
  @Roles('enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '下载报名材料 · Download a round entry material' })
  @ApiFileResponse('The stored material')
  async download(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('materialId', ParseUUIDPipe) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const m = await this.rounds.material(me, id, materialId);
    sendStoredDocument(res, m.filename, m.contentType);
    return new StreamableFile(m.content);
  }

  @Get(':id')
  @Roles('enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '报名详情 · One round entry' })
  @ApiOkResponse({ type: RoundEntryDetailResponse })
  entry(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.entry(me, id);
  }
}

/** The bureau's side of a round: ranking, review with backfill, objections, finance approval. */
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Get()
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '评选批次列表 · List rounds' })
  @ApiOkResponse({ type: RoundListResponse })
  list() {
    return this.rounds.list();
  }

  /** Opens (starts) a round before its first entry, e.g. to show it; idempotent. */
  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '开启评选批次 · Open a round' })
  @ApiCreatedResponse({ type: RoundResponse })
  async open(@Body() dto: OpenRoundDto) {
    return this.rounds.open(dto.programCode, dto.year);
  }

  @Get(':id')
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '评选批次详情 · One round' })
  @ApiOkResponse({ type: RoundResponse })
  detail(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.detail(id);
  }

  @Get(':id/entries')
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: "批次报名列表 · A round's entries" })
  @ApiOkResponse({ type: RoundEntriesResponse })
  entries(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.entries(id);
  }

  @Get(':id/objections')
  @Roles('reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: "批次异议列表 · A round's objections" })
  @ApiOkResponse({ type: RoundObjectionListResponse })
  objections(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.objections(id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: '截止报名 · Close a round to entries' })
  @ApiOkResponse({ type: RoundResponse })
  close(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.close(me, id);
  }

  @Post(':id/entries/:entryId/review')
  @HttpCode(200)
  @Roles('reviewer', 'senior_reviewer')
  @ApiOperation({ summary: '评审报名 · Review a round entry' })
  @ApiOkResponse({ type: RoundEntryResponse })
  review(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() dto: ReviewEntryDto,
  ) {
    return this.rounds.review(me, id, entryId, dto);
  }

  @Post(':id/objections/:objectionId/decision')
  @HttpCode(200)
  @Roles('senior_reviewer')
  @ApiOperation({ summary: '处理异议 · Decide an objection' })
  @ApiOkResponse({ type: RoundResponse })
  decide(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('objectionId', ParseUUIDPipe) objectionId: string,
    @Body() dto: ObjectionDecisionDto,
  ) {
    return this.rounds.decideObjection(me, id, objectionId, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: "批准评选结果 · Approve a round's results" })
  @ApiOkResponse({ type: RoundResponse })
  approve(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.approve(me, id);
  }
}
