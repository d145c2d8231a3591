import { ApiController, ApiDownload, ApiGet, IdParam, PassthroughRes } from '../common/routes';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { attachmentDisposition } from '../common/stored-file';
import { ApplicationProgressResponse } from './portal.dto';
import { PortalService } from './portal.service';

/** A document the portal prints on request, sent as a PDF download. */
const PdfDocument = (path: string, summary: string) =>
  ApiDownload(path, summary, 'PDF (A4, Chinese font embedded)', 'application/pdf');

function sendPdf(res: Response, { filename, pdf }: { filename: string; pdf: Buffer }): StreamableFile {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', attachmentDisposition(filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(pdf);
}

/** The enterprise's printable documents and progress tracker, authorized like the records they show. */
@ApiController('enterprise')
@Roles('enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @ApiGet(
    'applications/:id/progress',
    '申请进度与承诺时限 · The application’s progress against the promised time limits',
    ApplicationProgressResponse,
  )
  progress(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.portal.progress(me, id);
  }

  @PdfDocument('applications/:id/approval-notice.pdf', '下载审批通知书（PDF） · The approval notice as a PDF')
  async approvalNotice(@CurrentUser() me: Principal, @IdParam() id: string, @PassthroughRes() res: Response) {
    return sendPdf(res, await this.portal.approvalNotice(me, id));
  }

  @PdfDocument('vouchers/:id/certificate.pdf', '下载算力券凭证（PDF） · The voucher certificate as a PDF')
  async certificate(@CurrentUser() me: Principal, @IdParam() id: string, @PassthroughRes() res: Response) {
    return sendPdf(res, await this.portal.certificate(me, id));
  }
}
