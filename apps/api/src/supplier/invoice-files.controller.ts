import { UploadedFile } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DOCUMENT_TYPES, DocumentUpload, uploadedDocument } from '../common/document-upload';
import { ApiController, ApiPost, DocumentDownload, IdParam } from '../common/routes';
import { InvoiceFilesService } from './invoice-files.service';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

export class InvoiceFileResponse extends Fields({
  settlementId: is.uuid,
  filename: is.text.eg('发票-900001.pdf'),
  contentType: is.oneOf(DOCUMENT_TYPES),
  sizeBytes: is.numeric.eg(48213),
  sha256: is.text.about('SHA-256 of the stored bytes (hex)'),
  uploadedAt: is.instant,
}) {}

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
  upload(@CurrentUser() me: Principal, @IdParam() id: string, @UploadedFile() file?: Express.Multer.File) {
    return this.files.upload(me, id, uploadedDocument(file, 'Attach the invoice file in the "file" field'));
  }

  @DocumentDownload(
    ':id/invoice-file',
    '下载结算发票文件 · Download a settlement’s invoice file',
    'The stored invoice file',
    ...DOCUMENT_TYPES,
  )
  @Roles('supplier', 'enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
  download(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.files.download(me, id);
  }
}
