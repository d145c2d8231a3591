import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppEnv } from '@app/config';
import { Money, missingMaterials, validityYear } from '@app/domain';
import { Notifier, type BilingualMessage } from '@app/notifications';
import { BusinessClock, ProgramCatalog, appendAudit, rowsOf } from '@app/persistence';
import { Activity } from '@app/temporal/activities';

export type PoolDecisionKind = 'approve' | 'refuse';

export interface PoolDecisionInput {
  applicationId: string;
  reviewerId: string;
  decision: PoolDecisionKind;
  reason: string | null;
}

export type PoolDecisionOutcome =
  | { status: 'issued'; voucherId: string; voucherNo: string }
  | { status: 'refused'; promotedId: string | null };

export type PoolApplicationEvent = 'promoted' | 'issued' | 'refused';

interface LockedApplication {
  id: string;
  program_code: string;
  program_version: number;
  year: number;
  enterprise_id: string;
  receipt_no: string;
  status: string;
}

/** The voucher number a unit shows the supplier: program, year and receipt number. */
export function poolVoucherNo(year: number, receiptNo: string | number): string {
  return `PH-${year}-${String(receiptNo).padStart(6, '0')}`;
}

/**
 * The review steps of a pool application (Chengdu 普惠), each safe to run twice: the application row is
 * locked and its status is the idempotency key; the slot counters move only under the pool row's lock.
 */
@Injectable()
export class PoolActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
  ) {
    this.notifier = new Notifier(db, env);
  }

  /**
   * Approve: the unit's materials must be complete; the voucher (fixed face value, valid in the year it is
   * issued) is written once per application. Refuse: the slot is freed and passes, under the pool row's
   * lock, to the earliest waiting application of that pool year.
   */
  @Activity()
  async decidePoolApplication(input: PoolDecisionInput): Promise<PoolDecisionOutcome> {
    return this.db.transaction(async (tx) => {
      const [app] = rowsOf<LockedApplication>(
        await tx.query(
          `SELECT id, program_code, program_version, year, enterprise_id, receipt_no::text, status
             FROM pool_applications WHERE id = $1 FOR UPDATE`,
          [input.applicationId],
        ),
      );
      if (!app) throw ApplicationFailure.nonRetryable('no such pool application', 'NOT_FOUND');
      // A retried activity finds its own earlier decision and answers the same.
      if (app.status === 'issued') {
        const [v] = await tx.query(`SELECT id, voucher_no FROM pool_vouchers WHERE application_id = $1`, [
          app.id,
        ]);
        return { status: 'issued', voucherId: v.id, voucherNo: v.voucher_no };
      }
      if (app.status === 'refused') {
        const [p] = await tx.query(`SELECT id FROM pool_applications WHERE promoted_from = $1`, [app.id]);
        return { status: 'refused', promotedId: p?.id ?? null };
      }
      if (app.status !== 'holding') {
        throw ApplicationFailure.nonRetryable('the application holds no slot', 'POOL_NOT_HOLDING');
      }
      const program = await this.catalog.version(app.program_code, app.program_version, tx);
      return input.decision === 'approve'
        ? this.issue(tx, app, program.definition, input)
        : this.refuse(tx, app, input);
    });
  }

  private async issue(
    tx: EntityManager,
    app: LockedApplication,
    definition: Awaited<ReturnType<ProgramCatalog['version']>>['definition'],
    input: PoolDecisionInput,
  ): Promise<PoolDecisionOutcome> {
    const uploaded: { code: string }[] = await tx.query(
      `SELECT DISTINCT code FROM pool_materials WHERE owner_kind = 'application' AND owner_id = $1`,
      [app.id],
    );
    const missing = missingMaterials(
      definition,
      'applicant',
      'application',
      uploaded.map((u) => u.code),
    );
    if (missing.length) {
      throw ApplicationFailure.nonRetryable(
        `materials missing: ${missing.map((m) => m.code).join(', ')}`,
        'POOL_MATERIALS_MISSING',
      );
    }
    if (definition.fixedFaceValue === null) {
      throw ApplicationFailure.nonRetryable('the program has no fixed face value', 'POOL_NO_FACE_VALUE');
    }
    const issuedOn = await this.clock.today();
    const face = Money.parse(definition.fixedFaceValue);
    // Never more issued than slots: a second guard beside "only a slot holder can be approved".
    const counted = rowsOf(
      await tx.query(
        `UPDATE pool_years SET issued = issued + 1
          WHERE program_code = $1 AND year = $2 AND issued + 1 <= held AND issued + 1 <= slots
        RETURNING issued`,
        [app.program_code, app.year],
      ),
    );
    if (counted.length === 0) throw new Error(`pool ${app.program_code}/${app.year}: issued would pass held`);
    const voucherNo = poolVoucherNo(app.year, app.receipt_no);
    const [voucher] = await tx.query(
      `INSERT INTO pool_vouchers
         (voucher_no, application_id, program_code, program_version, enterprise_id, face_value, valid_year,
          issued_on, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id`,
      [
        voucherNo,
        app.id,
        app.program_code,
        app.program_version,
        app.enterprise_id,
        face.toString(),
        validityYear(definition.validity, issuedOn) ?? app.year,
        issuedOn,
        input.reviewerId,
      ],
    );
    await tx.query(
      `UPDATE pool_applications SET status = 'issued', decided_by = $2, decided_at = now(), updated_at = now()
        WHERE id = $1`,
      [app.id, input.reviewerId],
    );
    await appendAudit(tx, input.reviewerId, 'pool.application_approved', ['pool_application', app.id], {
      before: { status: 'holding' },
      after: { status: 'issued', voucherId: voucher.id, voucherNo },
    });
    await appendAudit(tx, input.reviewerId, 'pool.voucher_issued', ['pool_voucher', voucher.id], {
      after: {
        applicationId: app.id,
        voucherNo,
        faceValue: face.toString(),
        issuedOn,
        programVersion: app.program_version,
      },
    });
    return { status: 'issued', voucherId: voucher.id, voucherNo };
  }

  private async refuse(
    tx: EntityManager,
    app: LockedApplication,
    input: PoolDecisionInput,
  ): Promise<PoolDecisionOutcome> {
    // The pool row's lock orders this against every submission and every other refusal of the year.
    const freed = rowsOf(
      await tx.query(
        `UPDATE pool_years SET held = held - 1 WHERE program_code = $1 AND year = $2 AND held > 0 RETURNING held`,
        [app.program_code, app.year],
      ),
    );
    if (freed.length === 0) throw new Error(`pool ${app.program_code}/${app.year}: no held slot to free`);
    await tx.query(
      `UPDATE pool_applications
          SET status = 'refused', refusal_code = 'POOL_REVIEW_REFUSED', refusal_reason = $2, decided_by = $3,
              decided_at = now(), updated_at = now()
        WHERE id = $1`,
      [app.id, input.reason, input.reviewerId],
    );
    await appendAudit(tx, input.reviewerId, 'pool.application_refused', ['pool_application', app.id], {
      before: { status: 'holding' },
      after: { status: 'refused', reason: input.reason },
    });
    const promoted = rowsOf<{ id: string; receipt_no: string }>(
      await tx.query(
        `UPDATE pool_applications
            SET status = 'holding', promoted_at = now(), promoted_from = $3, updated_at = now()
          WHERE id = (SELECT id FROM pool_applications
                       WHERE program_code = $1 AND year = $2 AND status = 'waitlisted'
                       ORDER BY receipt_no LIMIT 1)
        RETURNING id, receipt_no::text`,
        [app.program_code, app.year, app.id],
      ),
    );
    const next = promoted[0] ?? null;
    if (next) {
      await tx.query(
        `UPDATE pool_years SET held = held + 1, waiting = waiting - 1 WHERE program_code = $1 AND year = $2`,
        [app.program_code, app.year],
      );
      await appendAudit(tx, 'system:pool', 'pool.slot_passed', ['pool_application', next.id], {
        before: { status: 'waitlisted' },
        after: { status: 'holding', from: app.id, receiptNo: next.receipt_no },
      });
    }
    return { status: 'refused', promotedId: next?.id ?? null };
  }

  /** Tells the unit what became of its application (inbox and email, once per event). */
  @Activity()
  async notifyPoolApplication(input: {
    applicationId: string;
    event: PoolApplicationEvent;
  }): Promise<{ recipients: number }> {
    const [app] = await this.db.query(
      `SELECT a.id, a.enterprise_id, a.receipt_no::text, a.refusal_reason, a.year, e.name, e.contact_email,
              v.voucher_no, v.face_value::text AS face_value
         FROM pool_applications a JOIN enterprises e ON e.id = a.enterprise_id
         LEFT JOIN pool_vouchers v ON v.application_id = a.id
        WHERE a.id = $1`,
      [input.applicationId],
    );
    if (!app) return { recipients: 0 };
    const ref = {
      zh: `申领编号 ${app.receipt_no}(${app.year}年“普惠算力券”)。`,
      en: `Receipt no. ${app.receipt_no} (${app.year} inclusive compute voucher).`,
    };
    const messages: Record<PoolApplicationEvent, BilingualMessage> = {
      promoted: {
        subject: { zh: '普惠算力券递补获得名额', en: 'A slot has passed to your application' },
        body: {
          zh: `${ref.zh}因前序申领未通过审核,贵单位已递补获得名额,请上传申报材料,等待审核。`,
          en: `${ref.en} An earlier application was refused and its slot has passed to yours; upload the materials and await review.`,
        },
      },
      issued: {
        subject: { zh: '普惠算力券已发放', en: 'Inclusive compute voucher issued' },
        body: {
          zh: `${ref.zh}已发放普惠算力券 ${app.voucher_no},面额 ¥${app.face_value},当年领取当年有效。`,
          en: `${ref.en} Voucher ${app.voucher_no} of ¥${app.face_value} has been issued; it is valid in the year issued.`,
        },
      },
      refused: {
        subject: { zh: '普惠算力券申领未通过审核', en: 'Inclusive compute voucher application refused' },
        body: {
          zh: `${ref.zh}审核未通过。理由:${app.refusal_reason ?? ''}`,
          en: `${ref.en} The application was refused. Reason: ${app.refusal_reason ?? ''}`,
        },
      },
    };
    const users: { id: string; email: string }[] = await this.db.query(
      `SELECT id, email FROM users WHERE enterprise_id = $1 AND active ORDER BY created_at`,
      [app.enterprise_id],
    );
    const recipients = users.length ? users : [{ id: null, email: app.contact_email as string }];
    for (const u of recipients) {
      await this.notifier.notify({
        ...messages[input.event],
        dedupeKey: `pool-app:${app.id}:${input.event}:${u.id ?? 'contact'}`,
        kind: `pool.${input.event}`,
        recipientUserId: u.id,
        recipientEmail: u.email,
        entityType: 'pool_application',
        entityId: app.id,
      });
    }
    return { recipients: recipients.length };
  }
}
