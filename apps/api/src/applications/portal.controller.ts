import { ApiController, IdParam } from '../common/routes';
import { Get, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { attachmentDisposition } from '../common/stored-file';
import { ApplicationProgressResponse } from './portal.dto';
import { PortalService } from './portal.service';

const PDF_RESPONSE = {
  description: 'PDF (A4, Chinese font embedded)',
  schema: { type: 'string', format: 'binary' },
};

function sendPdf(res: Response, filename: string, pdf: Buffer): StreamableFile {
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

  @Get('applications/:id/progress')
  @ApiOperation({
    summary: '申请进度与承诺时限 · The application’s progress against the promised time limits',
  })
  @ApiOkResponse({ type: ApplicationProgressResponse })
  progress(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.portal.progress(me, id);
  }

  @Get('applications/:id/approval-notice.pdf')
  @ApiOperation({ summary: '下载审批通知书（PDF） · The approval notice as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  async approvalNotice(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { filename, pdf } = await this.portal.approvalNotice(me, id);
    return sendPdf(res, filename, pdf);
  }

  @Get('vouchers/:id/certificate.pdf')
  @ApiOperation({ summary: '下载算力券凭证（PDF） · The voucher certificate as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  async certificate(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { filename, pdf } = await this.portal.certificate(me, id);
    return sendPdf(res, filename, pdf);
  }
}
