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
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import {
  DecideAppealDto,
  FindingListQuery,
  ReasonDto,
  RecordAppealDto,
  RecordFindingDto,
  RecordRepaymentDto,
} from './supervision.dto';
import { SupervisionService, type EvidenceFile } from './supervision.service';
import { documentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiFileResponse } from '../common/openapi';
import {
  AppealRecordedResponse,
  DebarmentResponse,
  EnterpriseSupervisionResponse,
  EvidenceAddedResponse,
  FindingDetailResponse,
  FindingListResponse,
  OwnSupervisionResponse,
  ReceivableResponse,
  RemindersSentResponse,
} from './supervision.responses';

/** Evidence, like application materials: PDF or images, at most 10 MB each. */
const evidenceUpload = (field: string) => documentUpload(field, 'Evidence');

function requireFile(file: EvidenceFile | undefined, field: string): EvidenceFile {
  requireDocument(file, field, `Attach the evidence (a non-empty PDF, PNG or JPEG) in the "${field}" field`);
  return file;
}

const STAFF = ['reviewer', 'senior_reviewer', 'finance', 'admin'] as const;

/** Supervision (监督管理): findings, clawback receivables, debarments and appeals. ADR 0027. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Post('findings')
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['applicationId', 'kind', 'description', 'evidence'],
      properties: {
        applicationId: { type: 'string', format: 'uuid' },
        kind: { type: 'string', enum: ['false_material', 'fraud', 'misappropriation'] },
        description: { type: 'string' },
        evidence: { type: 'string', format: 'binary' },
      },
    },
  })
  @UseInterceptors(evidenceUpload('evidence'))
  @ApiOperation({ summary: '登记监管发现 · Record a supervision finding' })
  @ApiCreatedResponse({ type: FindingDetailResponse })
  record(
    @CurrentUser() me: Principal,
    @Body() dto: RecordFindingDto,
    @UploadedFile() file: EvidenceFile | undefined,
  ) {
    return this.supervision.recordFinding(me, dto, requireFile(file, 'evidence'));
  }

  @Get('findings')
  @Roles(...STAFF)
  @ApiOperation({ summary: '监管发现列表 · List supervision findings' })
  @ApiOkResponse({ type: FindingListResponse })
  list(@Query() q: FindingListQuery) {
    return this.supervision.list(q);
  }

  @Get('findings/:id')
  @Roles(...STAFF)
  @ApiOperation({ summary: '监管发现详情 · One supervision finding' })
  @ApiOkResponse({ type: FindingDetailResponse })
  finding(@Param('id', ParseUUIDPipe) id: string) {
    return this.supervision.finding(id);
  }

  @Post('findings/:id/evidence')
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(evidenceUpload('file'))
  @ApiOperation({ summary: '上传证据 · Add evidence to a finding' })
  @ApiCreatedResponse({ type: EvidenceAddedResponse })
  addEvidence(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: EvidenceFile | undefined,
  ) {
    return this.supervision.addEvidence(me, id, requireFile(file, 'file'));
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: "下载证据 · Download a finding's evidence" })
  @ApiFileResponse('The stored evidence file')
  async evidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const e = await this.supervision.evidence(id, evidenceId);
    sendStoredDocument(res, e.filename, e.contentType);
    return new StreamableFile(e.content);
  }

  @Post('findings/:id/appeals')
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: '提出申诉 · Appeal a finding' })
  @ApiCreatedResponse({ type: AppealRecordedResponse })
  appeal(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordAppealDto) {
    return this.supervision.recordAppeal(me, id, dto);
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @Roles('senior_reviewer', 'admin')
  @ApiOperation({ summary: '处理申诉 · Decide an appeal' })
  @ApiOkResponse({ type: FindingDetailResponse })
  decideAppeal(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideAppealDto,
  ) {
    return this.supervision.decideAppeal(me, id, dto);
  }

  @Get('receivables/:id')
  @Roles(...STAFF)
  @ApiOperation({ summary: '追缴应收详情 · One clawback receivable' })
  @ApiOkResponse({ type: ReceivableResponse })
  receivable(@Param('id', ParseUUIDPipe) id: string) {
    return this.supervision.receivable(id);
  }

  @Post('receivables/:id/repayments')
  @Roles('finance', 'admin')
  @ApiOperation({ summary: '登记追缴还款 · Record a clawback repayment' })
  @ApiCreatedResponse({ type: ReceivableResponse })
  repay(
    @CurrentUser() me: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordRepaymentDto,
  ) {
    return this.supervision.recordRepayment(me, id, dto);
  }

  @Post('receivables/:id/write-off')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '核销追缴应收 · Write off a clawback receivable' })
  @ApiOkResponse({ type: ReceivableResponse })
  writeOff(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto) {
    return this.supervision.writeOff(me, id, dto.reason);
  }

  @Post('reminders')
  @HttpCode(200)
  @Roles('finance', 'admin')
  @ApiOperation({ summary: '发送追缴提醒 · Send clawback reminders' })
  @ApiOkResponse({ type: RemindersSentResponse })
  remind(@CurrentUser() me: Principal) {
    return this.supervision.sendOverdueReminders(me);
  }

  @Post('debarments/:id/lift')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '解除失信限制 · Lift a debarment' })
  @ApiOkResponse({ type: DebarmentResponse })
  lift(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto) {
    return this.supervision.liftDebarment(me, id, dto.reason);
  }

  @Get('enterprises/:id')
  @Roles(...STAFF)
  @ApiOperation({ summary: "企业监管记录 · An enterprise's supervision record" })
  @ApiOkResponse({ type: EnterpriseSupervisionResponse })
  enterprise(@Param('id', ParseUUIDPipe) id: string) {
    return this.supervision.enterpriseRecord(id);
  }

  @Get('mine')
  @Roles('enterprise')
  @ApiOperation({ summary: "本企业监管记录 · The caller's own supervision record" })
  @ApiOkResponse({ type: OwnSupervisionResponse })
  mine(@CurrentUser() me: Principal) {
    return this.supervision.mine(me);
  }
}
