import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
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
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { APPLICATION_STATUSES } from '@app/persistence';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ApplyDto, ResubmitDto } from './application.dto';
import { ApplicationsService } from './applications.service';
import { documentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiFileResponse } from '../common/openapi';
import {
  ApplicationDetailResponse,
  ApplicationPageResponse,
  MaterialUploadedResponse,
} from './application.responses';

/** Materials: PDF or images, at most 10 MB each. */

class ApplicationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('enterprise')
  @ApiOperation({ summary: '提交算力券申请 · Submit a voucher application' })
  @ApiCreatedResponse({ type: ApplicationDetailResponse })
  apply(@CurrentUser() me: Principal, @Body() dto: ApplyDto) {
    return this.applications.apply(me, dto);
  }

  @Get()
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '申请列表 · List applications visible to the caller' })
  @ApiOkResponse({ type: ApplicationPageResponse })
  list(@CurrentUser() me: Principal, @Query() q: ApplicationListQuery) {
    return this.applications.list(me, q);
  }

  @Get(':id')
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '申请详情 · One application with its materials and history' })
  @ApiOkResponse({ type: ApplicationDetailResponse })
  detail(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.applications.detail(me, id);
  }

  @Post(':id/materials')
  @Roles('enterprise')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(documentUpload('file', 'Materials'))
  @ApiOperation({ summary: '上传申请材料 · Upload a material to an application' })
  @ApiCreatedResponse({ type: MaterialUploadedResponse })
  upload(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    requireDocument(file, 'file', 'Attach a non-empty file in the "file" field');
    return this.applications.addMaterial(me, id, file);
  }

  @Get(':id/materials/:materialId')
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: '下载申请材料 · Download an application material' })
  @ApiFileResponse('The stored material (its own media type)')
  async download(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('materialId', ParseUUIDPipe) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const m = await this.applications.material(me, id, materialId);
    sendStoredDocument(res, m.filename, m.contentType);
    return new StreamableFile(m.content);
  }

  @Post(':id/resubmit')
  @Roles('enterprise')
  @ApiOperation({ summary: '补正后重新提交 · Resubmit an application after corrections' })
  @ApiCreatedResponse({ type: ApplicationDetailResponse })
  resubmit(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResubmitDto) {
    return this.applications.resubmit(me, id, dto.note ?? null);
  }
}
