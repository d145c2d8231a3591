import { Get, Res, UploadedFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiController, ApiPost, IdParam, storedDocument } from '../common/routes';
import { InvoiceFilesService } from './invoice-files.service';

export class InvoiceFileResponse {
  @ApiProperty({ format: 'uuid' })
  settlementId!: string;

  @ApiProperty({ example: '发票-900001.pdf' })
  filename!: string;

  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] })
  contentType!: string;

  @ApiProperty({ example: 48213 })
  sizeBytes!: number;

  @ApiProperty({ description: 'SHA-256 of the stored bytes (hex)' })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;
}

/** The invoice file attached to a confirmed settlement (PDF, PNG or JPEG, at most 10 MB). */
@ApiController('supplier', 'supplier/settlements')
export class InvoiceFilesController {
  constructor(private readonly files: InvoiceFilesService) {}

  @ApiPost(
    ':id/invoice-file',
    '上传结算发票文件 · Attach the invoice file to a confirmed settlement',
    InvoiceFileResponse,
  )
  @Roles('supplier')
  @DocumentUpload('The invoice file')
  upload(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    requireDocument(file, 'file', 'Attach the invoice file in the "file" field');
    return this.files.upload(me, id, file);
  }

  @Get(':id/invoice-file')
  @Roles('supplier', 'enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  @ApiOperation({ summary: '下载结算发票文件 · Download a settlement’s invoice file' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The stored invoice file', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = await this.files.download(me, id);
    return storedDocument(res, f);
  }
}
