import { Body, Query, UploadedFile } from '@nestjs/common';
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
import { DOCUMENT_PART, DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiAction, ApiController, ApiGet, ApiPost, DocumentDownload, IdParam } from '../common/routes';
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

function requireFile(file: EvidenceFile | undefined, field: string): EvidenceFile {
  requireDocument(file, field, `Attach the evidence (a non-empty PDF, PNG or JPEG) in the "${field}" field`);
  return file;
}

const STAFF = ['reviewer', 'senior_reviewer', 'finance', 'admin'] as const;

/** Supervision (监督管理): findings, clawback receivables, debarments and appeals. ADR 0027. */
@ApiController('supervision', 'supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @ApiPost('findings', '登记监管发现 · Record a supervision finding', FindingDetailResponse)
  @Roles('reviewer', 'senior_reviewer', 'admin')
  // Evidence, like application materials: PDF or images, at most 10 MB each.
  @DocumentUpload('Evidence', {
    field: 'evidence',
    schema: {
      type: 'object',
      required: ['applicationId', 'kind', 'description', 'evidence'],
      properties: {
        applicationId: { type: 'string', format: 'uuid' },
        kind: { type: 'string', enum: ['false_material', 'fraud', 'misappropriation'] },
        description: { type: 'string' },
        evidence: DOCUMENT_PART,
      },
    },
  })
  record(
    @CurrentUser() me: Principal,
    @Body() dto: RecordFindingDto,
    @UploadedFile() file: EvidenceFile | undefined,
  ) {
    return this.supervision.recordFinding(me, dto, requireFile(file, 'evidence'));
  }

  @ApiGet('findings', '监管发现列表 · List supervision findings', FindingListResponse)
  @Roles(...STAFF)
  list(@Query() q: FindingListQuery) {
    return this.supervision.list(q);
  }

  @ApiGet('findings/:id', '监管发现详情 · One supervision finding', FindingDetailResponse)
  @Roles(...STAFF)
  finding(@IdParam() id: string) {
    return this.supervision.finding(id);
  }

  @ApiPost('findings/:id/evidence', '上传证据 · Add evidence to a finding', EvidenceAddedResponse)
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @DocumentUpload('Evidence')
  addEvidence(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @UploadedFile() file: EvidenceFile | undefined,
  ) {
    return this.supervision.addEvidence(me, id, requireFile(file, 'file'));
  }

  @DocumentDownload(
    'findings/:id/evidence/:evidenceId',
    "下载证据 · Download a finding's evidence",
    'The stored evidence file',
  )
  @Roles('reviewer', 'senior_reviewer', 'admin')
  evidence(@IdParam() id: string, @IdParam('evidenceId') evidenceId: string) {
    return this.supervision.evidence(id, evidenceId);
  }

  @ApiPost('findings/:id/appeals', '提出申诉 · Appeal a finding', AppealRecordedResponse)
  @Roles('reviewer', 'senior_reviewer', 'admin')
  appeal(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: RecordAppealDto) {
    return this.supervision.recordAppeal(me, id, dto);
  }

  @ApiAction('appeals/:id/decision', '处理申诉 · Decide an appeal', FindingDetailResponse)
  @Roles('senior_reviewer', 'admin')
  decideAppeal(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: DecideAppealDto) {
    return this.supervision.decideAppeal(me, id, dto);
  }

  @ApiGet('receivables/:id', '追缴应收详情 · One clawback receivable', ReceivableResponse)
  @Roles(...STAFF)
  receivable(@IdParam() id: string) {
    return this.supervision.receivable(id);
  }

  @ApiPost('receivables/:id/repayments', '登记追缴还款 · Record a clawback repayment', ReceivableResponse)
  @Roles('finance', 'admin')
  repay(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: RecordRepaymentDto) {
    return this.supervision.recordRepayment(me, id, dto);
  }

  @ApiAction(
    'receivables/:id/write-off',
    '核销追缴应收 · Write off a clawback receivable',
    ReceivableResponse,
  )
  @Roles('admin')
  writeOff(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.supervision.writeOff(me, id, dto.reason);
  }

  @ApiAction('reminders', '发送追缴提醒 · Send clawback reminders', RemindersSentResponse)
  @Roles('finance', 'admin')
  remind(@CurrentUser() me: Principal) {
    return this.supervision.sendOverdueReminders(me);
  }

  @ApiAction('debarments/:id/lift', '解除失信限制 · Lift a debarment', DebarmentResponse)
  @Roles('admin')
  lift(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: ReasonDto) {
    return this.supervision.liftDebarment(me, id, dto.reason);
  }

  @ApiGet(
    'enterprises/:id',
    "企业监管记录 · An enterprise's supervision record",
    EnterpriseSupervisionResponse,
  )
  @Roles(...STAFF)
  enterprise(@IdParam() id: string) {
    return this.supervision.enterpriseRecord(id);
  }

  @ApiGet('mine', "本企业监管记录 · The caller's own supervision record", OwnSupervisionResponse)
  @Roles('enterprise')
  mine(@CurrentUser() me: Principal) {
    return this.supervision.mine(me);
  }
}
