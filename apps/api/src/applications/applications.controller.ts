import { Body, Query, UploadedFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES } from '@app/persistence';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { ApplyDto, ResubmitDto } from './application.dto';
import { ApplicationsService } from './applications.service';
import { DocumentUpload, uploadedDocument } from '../common/document-upload';
import { ApiController, ApiGet, ApiPost, DocumentDownload, IdParam } from '../common/routes';
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

@ApiController('applications', 'applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @ApiPost('', '提交算力券申请 · Submit a voucher application', ApplicationDetailResponse)
  @Roles('enterprise')
  apply(@CurrentUser() me: Principal, @Body() dto: ApplyDto) {
    return this.applications.apply(me, dto);
  }

  @ApiGet('', '申请列表 · List applications visible to the caller', ApplicationPageResponse)
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  list(@CurrentUser() me: Principal, @Query() q: ApplicationListQuery) {
    return this.applications.list(me, q);
  }

  @ApiGet(':id', '申请详情 · One application with its materials and history', ApplicationDetailResponse)
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  detail(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.applications.detail(me, id);
  }

  @ApiPost(':id/materials', '上传申请材料 · Upload a material to an application', MaterialUploadedResponse)
  @Roles('enterprise')
  @DocumentUpload('Materials')
  upload(@CurrentUser() me: Principal, @IdParam() id: string, @UploadedFile() file?: Express.Multer.File) {
    return this.applications.addMaterial(me, id, uploadedDocument(file));
  }

  @DocumentDownload(
    ':id/materials/:materialId',
    '下载申请材料 · Download an application material',
    'The stored material (its own media type)',
  )
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  download(@CurrentUser() me: Principal, @IdParam() id: string, @IdParam('materialId') materialId: string) {
    return this.applications.material(me, id, materialId);
  }

  @ApiPost(
    ':id/resubmit',
    '补正后重新提交 · Resubmit an application after corrections',
    ApplicationDetailResponse,
  )
  @Roles('enterprise')
  resubmit(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ResubmitDto) {
    return this.applications.resubmit(me, id, dto.note ?? null);
  }
}
