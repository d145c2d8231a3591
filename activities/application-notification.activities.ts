import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Money, hasYearlyCap, yearlyRoom } from '@app/domain';
import {
  Notifier,
  applicationRefused,
  applicationRejected,
  reviewEscalated,
  reviewReminder,
  upsertReviewDigest,
  supplementRequested,
  voucherIssued,
  type BilingualMessage,
} from '@app/notifications';
import {
  ApplicationRecord,
  ContractRecord,
  EnterpriseRecord,
  ProgramCatalog,
  ReviewTaskRecord,
  VoucherRecord,
} from '@app/persistence';
import { Activity } from '@app/temporal/activities';

export type ApplicationEvent =
  | 'refused'
  | 'task_opened'
  | 'task_reminder'
  | 'task_escalated'
  | 'supplement_requested'
  | 'rejected'
  | 'issued';

export interface ApplicationEventInput {
  applicationId: string;
  event: ApplicationEvent;
  taskId?: string;
  round?: number;
}

/**
 * Who hears about each step of an application, in Chinese with English beside it. Idempotent: the dedupe
 * key names the application, the event and the task or round, so a retried activity sends nothing twice.
 */
@Injectable()
export class ApplicationNotificationActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: AppEnv,
    private readonly catalog: ProgramCatalog,
  ) {
    this.notifier = new Notifier(db, env);
  }

  @Activity()
  async notifyApplicationEvent(input: ApplicationEventInput): Promise<{ recipients: number }> {
    const app = await this.db.getRepository(ApplicationRecord).findOneByOrFail({ id: input.applicationId });
    const enterprise = await this.db
      .getRepository(EnterpriseRecord)
      .findOneByOrFail({ id: app.enterpriseId });
    const contract = await this.db.getRepository(ContractRecord).findOneByOrFail({ id: app.contractId });
    const task = input.taskId
      ? await this.db.getRepository(ReviewTaskRecord).findOneBy({ id: input.taskId })
      : null;
    const ref = {
      enterpriseName: enterprise.name,
      applicationId: app.id,
      contractNumber: contract.contractNumber,
    };
    const key = `app:${app.id}:${input.event}:${input.taskId ?? input.round ?? ''}`;
    const base = { kind: `application.${input.event}`, entityType: 'application', entityId: app.id };

    const toEnterprise = async (msg: BilingualMessage) => {
      const users: { id: string; email: string }[] = await this.db.query(
        `SELECT id, email FROM users WHERE enterprise_id = $1 AND active ORDER BY created_at`,
        [enterprise.id],
      );
      const recipients = users.length ? users : [{ id: null, email: enterprise.contactEmail }];
      for (const u of recipients) {
        await this.notifier.notify({
          ...base,
          ...msg,
          dedupeKey: `${key}:${u.id ?? 'contact'}`,
          recipientUserId: u.id,
          recipientEmail: u.email,
        });
      }
      return { recipients: recipients.length };
    };
    const toRole = async (role: 'reviewer' | 'senior_reviewer', msg: BilingualMessage) => {
      const r = await this.notifier.notifyRole(role, { ...base, ...msg, dedupeKey: key });
      return { recipients: r.recipients };
    };

    switch (input.event) {
      case 'refused': {
        const failures = (app.eligibilityResults ?? []).filter((r) => !r.passed);
        const reasons = failures.length
          ? failures.map((f) => ({ code: f.code, message: f.message }))
          : [{ code: app.refusalCode ?? 'REFUSED' }];
        return toEnterprise(applicationRefused({ ...ref, reasons }));
      }
      case 'supplement_requested':
        return toEnterprise(supplementRequested({ ...ref, reason: await this.lastReason(app.id) }));
      case 'rejected':
        return toEnterprise(applicationRejected({ ...ref, reason: await this.lastReason(app.id) }));
      case 'issued': {
        const voucher = await this.db.getRepository(VoucherRecord).findOneByOrFail({ applicationId: app.id });
        const { definition: program } = await this.catalog.version(app.programCode, app.programVersion);
        const [row] = await this.db.query(
          `SELECT issued::text FROM yearly_cap_ledger WHERE program_code = $1 AND enterprise_id = $2 AND year = $3`,
          [app.programCode, app.enterpriseId, voucher.capYear],
        );
        const issued = Money.of(row?.issued ?? '0');
        return toEnterprise(
          voucherIssued({
            ...ref,
            faceValue: voucher.faceValue,
            limitedByCap: app.quotedFaceValue ? voucher.faceValue.lt(app.quotedFaceValue) : false,
            yearlyRoomLeft: hasYearlyCap(program) ? yearlyRoom(program, issued) : Money.zero(),
          }),
        );
      }
      case 'task_opened': {
        // One digest per reviewer per day, rewritten with the day's count, not one message per task (ADR 0048).
        const digest = await upsertReviewDigest(this.db.manager, {
          kind: task?.kind === 'second_approval' ? 'second_approval' : 'review',
          createdAt: task?.createdAt ?? new Date(),
        });
        return { recipients: digest.recipients };
      }
      case 'task_reminder': {
        const msg = reviewReminder({ ...ref, dueAt: task!.dueAt });
        if (task?.assigneeId) {
          await this.notifier.notify({ ...base, ...msg, dedupeKey: key, recipientUserId: task.assigneeId });
          return { recipients: 1 };
        }
        return toRole(task?.candidateRole === 'senior_reviewer' ? 'senior_reviewer' : 'reviewer', msg);
      }
      case 'task_escalated':
        return toRole('senior_reviewer', reviewEscalated({ ...ref, dueAt: task!.dueAt }));
    }
  }

  private async lastReason(applicationId: string): Promise<string> {
    const [row] = await this.db.query(
      `SELECT reason FROM review_tasks WHERE application_id = $1 AND status = 'completed' ORDER BY completed_at DESC LIMIT 1`,
      [applicationId],
    );
    return row?.reason ?? '';
  }
}
