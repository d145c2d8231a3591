import { Injectable } from '@nestjs/common';
import { AppEnv } from '@app/config';
import { Notifier, type BilingualText } from '@app/notifications';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  Money,
  REASON_MESSAGES,
  findProgram,
  isWindowOver,
  noticePeriod,
  paymentRefusal,
  roundWindow,
  type ReasonCode,
} from '@app/domain';
import { BusinessClock, appendAudit } from '@app/persistence';
import {
  definitionInForce,
  definitionVersion,
  lockRound,
  matchPlan,
  rankEntries,
  refreshStandings,
  roundState,
  setRoundStatus,
  type RoundRow,
  type RoundState,
} from './round-store';
import { Activity } from '@app/temporal/activities';

/*
 * The steps of the allocation-round workflow (workflows/allocation-round.workflow.ts). Each takes the round
 * row's lock, checks the state it expects (so a retry or a late duplicate is a no-op or a clean refusal),
 * writes, audits, and returns the round's new snapshot. Every prototype method is an activity.
 */

const ACTOR = 'system:allocation-round';

export interface OpenAllocationRoundInput {
  programCode: string;
  year: number;
  workflowId: string;
}

export interface ReviewEntryInput {
  roundId: string;
  entryId: string;
  reviewerId: string;
  decision: 'approve' | 'refuse';
  reason: string | null;
}

export interface DecideObjectionInput {
  roundId: string;
  objectionId: string;
  deciderId: string;
  outcome: 'upheld' | 'dismissed';
  reason: string;
}

export interface ApproveRoundPaymentInput {
  roundId: string;
  approverId: string;
}

/** A refusal the API shows as it is: `CODE: message`, never retried. */
function refusal(code: ReasonCode | string, detail?: string): ApplicationFailure {
  const msg = (REASON_MESSAGES as Record<string, { zh: string; en: string }>)[code];
  const text = msg ? `${msg.en} (${msg.zh})` : (detail ?? code);
  return ApplicationFailure.nonRetryable(`${code}: ${detail && msg ? `${text} — ${detail}` : text}`, code);
}

export interface NotifyRoundInput {
  roundId: string;
  /** 'plan': each unit in, refused from or removed from the plan of `planRevision`; 'paid': each payee. */
  event: 'plan' | 'paid';
  planRevision: number;
}

const SIGNATURE: BilingualText = {
  zh: '成都市经济和信息化局（市新经济委） 算力券服务',
  en: 'Chengdu Bureau of Economy and Information Technology, compute voucher service',
};

const yuan = (s: string) =>
  `¥${Money.of(s)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

@Injectable()
export class RoundActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    env: AppEnv,
  ) {
    this.notifier = new Notifier(db, env);
  }

  /**
   * Tells each unit (or supplier) where it stands: in the plan on notice with its amount, refused at review,
   * removed after an objection; later, paid. In-app and by email to the unit's users, once per dedupe key.
   */
  @Activity()
  async notifyRoundEntries(input: NotifyRoundInput): Promise<{ notified: number }> {
    const [round] = await this.db.query(
      `SELECT program_code, year, to_char(published_on, 'YYYY-MM-DD') AS published_on,
              to_char(notice_ends_on, 'YYYY-MM-DD') AS notice_ends_on FROM allocation_rounds WHERE id = $1`,
      [input.roundId],
    );
    if (!round) return { notified: 0 };
    const program = findProgram(round.program_code)?.name ?? {
      zh: round.program_code,
      en: round.program_code,
    };
    const entries: Record<string, string | null>[] = await this.db.query(
      `SELECT e.id, e.enterprise_id, e.supplier_id, e.applicant_name, e.standing, e.award::text AS award,
              e.review_reason, e.removed_reason, p.status AS payment_status, p.bank_reference
         FROM round_entries e
         LEFT JOIN direct_payments p ON p.source_id = e.id AND p.kind IN ('round_award','supplier_subsidy')
        WHERE e.round_id = $1 AND ${
          input.event === 'paid'
            ? `p.status = 'paid'`
            : `(e.award IS NOT NULL OR e.standing IN ('refused','removed'))`
        }`,
      [input.roundId],
    );
    const title = `${program.zh}（${round.year}年度）`;
    const titleEn = `${program.en} ${round.year}`;
    let notified = 0;
    for (const e of entries) {
      let key: string;
      let subject: BilingualText;
      let body: BilingualText;
      if (input.event === 'paid') {
        key = `paid`;
        subject = { zh: `${title}已拨付`, en: `${titleEn}: paid` };
        body = {
          zh: `${e.applicant_name}：${title}分配金额 ${yuan(e.award!)} 已拨付，银行流水号 ${e.bank_reference}。`,
          en: `${e.applicant_name}: your award of ${yuan(e.award!)} under ${titleEn} has been paid (bank reference ${e.bank_reference}).`,
        };
      } else if (e.award) {
        key = `plan:${input.planRevision}`;
        subject = { zh: `${title}分配方案公示`, en: `${titleEn}: allocation plan on public notice` };
        body = {
          zh: `${e.applicant_name}：您已列入${title}分配方案，分配金额 ${yuan(e.award)}；公示期 ${round.published_on} 至 ${round.notice_ends_on}，公示无异议后拨付。`,
          en: `${e.applicant_name}: you are in the ${titleEn} allocation plan for ${yuan(e.award)}; on public notice from ${round.published_on} to ${round.notice_ends_on}, paid after the notice.`,
        };
      } else if (e.standing === 'refused') {
        key = 'refused';
        subject = { zh: `${title}审核未通过`, en: `${titleEn}: not approved` };
        body = {
          zh: `${e.applicant_name}：您的申报审核未通过。理由：${e.review_reason ?? ''}`,
          en: `${e.applicant_name}: your entry was not approved. Reason: ${e.review_reason ?? ''}`,
        };
      } else {
        key = 'removed';
        subject = { zh: `${title}公示异议成立`, en: `${titleEn}: objection upheld` };
        body = {
          zh: `${e.applicant_name}：经核实公示期异议成立，取消入选资格。理由：${e.removed_reason ?? ''}`,
          en: `${e.applicant_name}: an objection during the notice was upheld and your entry removed. Reason: ${e.removed_reason ?? ''}`,
        };
      }
      const users: { id: string; email: string }[] = await this.db.query(
        `SELECT id, email FROM users WHERE active AND (enterprise_id = $1 OR supplier_id = $2) ORDER BY created_at`,
        [e.enterprise_id, e.supplier_id],
      );
      for (const u of users) {
        const r = await this.notifier.notify({
          dedupeKey: `round:${e.id}:${key}:${u.id}`,
          kind: `round.${key.split(':')[0]}`,
          recipientUserId: u.id,
          recipientEmail: u.email,
          subject,
          body: { zh: `${body.zh}\n${SIGNATURE.zh}`, en: `${body.en}\n${SIGNATURE.en}` },
          entityType: 'round_entry',
          entityId: e.id!,
        });
        if (r.created) notified += 1;
      }
    }
    return { notified };
  }

  /** Records the round (once) with the program version in force on its opening day. */
  @Activity()
  async openAllocationRound(input: OpenAllocationRoundInput): Promise<RoundState> {
    return this.db.transaction(async (em) => {
      const [existing] = await em.query(
        `SELECT id FROM allocation_rounds WHERE program_code = $1 AND year = $2`,
        [input.programCode, input.year],
      );
      if (existing) return roundState(em, existing.id);
      const probe = await definitionInForce(em, input.programCode, `${input.year}-12-31`);
      if (!probe?.definition.round) {
        throw ApplicationFailure.nonRetryable(`${input.programCode} has no ranked round`, 'NotARound');
      }
      const window = roundWindow(probe.definition.round, input.year);
      const inForce = (await definitionInForce(em, input.programCode, window.opensOn)) ?? probe;
      const rule = inForce.definition.round ?? probe.definition.round;
      const [row] = await em.query(
        `INSERT INTO allocation_rounds (program_code, program_version, year, workflow_id, opens_on, closes_on,
                                        review_quota, notice_working_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (program_code, year) DO UPDATE SET program_code = EXCLUDED.program_code
         RETURNING id`,
        [
          input.programCode,
          inForce.version,
          input.year,
          input.workflowId,
          window.opensOn,
          window.closesOn,
          rule.reviewQuota,
          rule.noticeWorkingDays,
        ],
      );
      await appendAudit(em, ACTOR, 'round.opened', ['allocation_round', row.id], {
        after: { programCode: input.programCode, version: inForce.version, year: input.year, ...window },
      });
      return roundState(em, row.id);
    });
  }

  @Activity()
  async loadRoundState(roundId: string): Promise<RoundState> {
    return roundState(this.db.manager, roundId);
  }

  /**
   * At close (the business date past the window): ranks the entries and admits the top review quota.
   * Before the window is over it changes nothing (`closed: false`).
   */
  @Activity()
  async closeAndRankRound(input: {
    roundId: string;
    actor?: string;
  }): Promise<RoundState & { closed: boolean }> {
    const today = await this.clock.today();
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, input.roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status !== 'open') return { ...(await roundState(em, round.id)), closed: true };
      const def = await definitionVersion(em, round.program_code, round.program_version);
      if (!isWindowOver(def.round!, round.year, today)) {
        return { ...(await roundState(em, round.id)), closed: false };
      }
      await rankEntries(em, round, def);
      await setRoundStatus(em, round.id, 'reviewing', 'closed_at = now()');
      const state = await roundState(em, round.id);
      await appendAudit(em, input.actor ?? ACTOR, 'round.closed_and_ranked', ['allocation_round', round.id], {
        before: { status: 'open' },
        after: { status: 'reviewing', businessDate: today, entries: state.entries, inReview: state.inReview },
      });
      return { ...state, closed: true };
    });
  }

  /** A reviewer's decision on an admitted entry; a refusal admits the next in rank (递补). */
  @Activity()
  async recordRoundReview(input: ReviewEntryInput): Promise<RoundState> {
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, input.roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status !== 'reviewing') throw refusal('ROUND_NOT_REVIEWING', `the round is ${round.status}`);
      const standing = input.decision === 'approve' ? 'approved' : 'refused';
      const [entry] = await em.query(`SELECT standing FROM round_entries WHERE id = $1 AND round_id = $2`, [
        input.entryId,
        round.id,
      ]);
      if (!entry) throw refusal('ENTRY_NOT_FOUND', 'no such entry in this round');
      if (entry.standing === standing) return roundState(em, round.id); // a retried step
      if (entry.standing !== 'in_review') {
        throw refusal('ENTRY_NOT_IN_REVIEW', `the entry is ${entry.standing}`);
      }
      await em.query(
        `UPDATE round_entries SET standing = $2, reviewed_by = $3, reviewed_at = now(), review_reason = $4,
                updated_at = now() WHERE id = $1`,
        [input.entryId, standing, input.reviewerId, input.reason],
      );
      const admitted = await refreshStandings(em, round);
      await em.query(`UPDATE allocation_rounds SET stamp = stamp + 1 WHERE id = $1`, [round.id]);
      await appendAudit(em, input.reviewerId, `round.entry_${standing}`, ['round_entry', input.entryId], {
        before: { standing: 'in_review' },
        after: { standing, reason: input.reason, backfilled: admitted },
      });
      return roundState(em, round.id);
    });
  }

  /**
   * Reviewing done: matches the approved entries to the plan and publishes it for public notice from
   * today's business date for the definition's working days (a new revision each time).
   */
  @Activity()
  async publishRoundPlan(roundId: string): Promise<RoundState> {
    const today = await this.clock.today();
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status !== 'reviewing') return roundState(em, round.id);
      const state = await roundState(em, round.id);
      if (!state.reviewComplete) return state;
      return publish(em, round, today, ACTOR);
    });
  }

  /** Moves a round whose notice is over with nothing open to 'awaiting_finance' (for the read model). */
  @Activity()
  async settleRoundNotice(roundId: string): Promise<RoundState> {
    const today = await this.clock.today();
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status !== 'notice') return roundState(em, round.id);
      const state = await roundState(em, round.id);
      const why = paymentRefusal(noticeOf(round), state.openObjections, today);
      if (why) return state;
      await setRoundStatus(em, round.id, 'awaiting_finance');
      await appendAudit(em, ACTOR, 'round.notice_closed', ['allocation_round', round.id], {
        before: { status: 'notice' },
        after: { status: 'awaiting_finance', businessDate: today, noticeEndsOn: round.notice_ends_on },
      });
      return roundState(em, round.id);
    });
  }

  /**
   * A senior reviewer's decision on an objection. Upheld: the entry is removed, the next in rank is admitted
   * to review (递补) — then the plan is re-matched and published again; with nobody to admit, at once.
   */
  @Activity()
  async recordObjectionDecision(input: DecideObjectionInput): Promise<RoundState> {
    const today = await this.clock.today();
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, input.roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      const [objection] = await em.query(
        `SELECT id, entry_id, status FROM round_objections WHERE id = $1 AND round_id = $2 FOR UPDATE`,
        [input.objectionId, round.id],
      );
      if (!objection) throw refusal('OBJECTION_NOT_FOUND', 'no such objection in this round');
      if (objection.status === input.outcome) return roundState(em, round.id); // a retried step
      if (objection.status !== 'open') throw refusal('OBJECTION_DECIDED', `already ${objection.status}`);
      await em.query(
        `UPDATE round_objections SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
          WHERE id = $1`,
        [objection.id, input.outcome, input.deciderId, input.reason],
      );
      let admitted: string[] = [];
      if (input.outcome === 'upheld') {
        await em.query(
          `UPDATE round_entries SET standing = 'removed', removed_reason = $2, tier = NULL, award = NULL,
                  plan_reason = NULL, updated_at = now()
            WHERE id = $1 AND standing <> 'removed'`,
          [objection.entry_id, input.reason],
        );
        admitted = await refreshStandings(em, round);
      }
      await em.query(`UPDATE allocation_rounds SET stamp = stamp + 1 WHERE id = $1`, [round.id]);
      await appendAudit(
        em,
        input.deciderId,
        `round.objection_${input.outcome}`,
        ['round_objection', objection.id],
        {
          before: { status: 'open' },
          after: {
            status: input.outcome,
            entryId: objection.entry_id,
            reason: input.reason,
            backfilled: admitted,
          },
        },
      );
      if (input.outcome === 'upheld' && (round.status === 'notice' || round.status === 'awaiting_finance')) {
        if (admitted.length > 0) {
          await setRoundStatus(em, round.id, 'reviewing');
          return roundState(em, round.id);
        }
        const state = await roundState(em, round.id);
        if (state.reviewComplete) return publish(em, round, today, input.deciderId);
      }
      return roundState(em, round.id);
    });
  }

  /**
   * Finance approves paying the plan: only after the notice with no objection open. Creates one approved
   * direct payment per award (idempotent on (kind, source)); the workflow then disburses each.
   */
  @Activity()
  async approveRoundPayment(input: ApproveRoundPaymentInput): Promise<RoundState & { paymentIds: string[] }> {
    const today = await this.clock.today();
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, input.roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status === 'paying' || round.status === 'paid') {
        return { ...(await roundState(em, round.id)), paymentIds: await roundPaymentIds(em, round.id) };
      }
      if (round.status !== 'notice' && round.status !== 'awaiting_finance') {
        throw refusal('ROUND_NOT_IN_NOTICE', `the round is ${round.status}`);
      }
      const state = await roundState(em, round.id);
      const why = paymentRefusal(noticeOf(round), state.openObjections, today);
      if (why) throw refusal(why, `business date ${today}, notice until ${round.notice_ends_on}`);
      const def = await definitionVersion(em, round.program_code, round.program_version);
      const kind = def.round!.rankBy === 'prior-year-spend' ? 'round_award' : 'supplier_subsidy';
      await em.query(
        `INSERT INTO direct_payments (program_code, program_version, kind, source_id, payee_kind, payee_id, amount,
                                      idempotency_key, status, approved_by, approved_at)
         SELECT e.program_code, e.program_version, $2::varchar, e.id, e.applicant_kind,
                coalesce(e.enterprise_id, e.supplier_id), e.award, $2::varchar || ':' || e.id, 'approved', $3, now()
           FROM round_entries e
          WHERE e.round_id = $1 AND e.standing = 'approved' AND e.award IS NOT NULL
         ON CONFLICT (kind, source_id) DO NOTHING`,
        [round.id, kind, input.approverId],
      );
      await setRoundStatus(em, round.id, 'paying', 'finance_approved_by = $3, finance_approved_at = now()', [
        input.approverId,
      ]);
      const paymentIds = await roundPaymentIds(em, round.id);
      await appendAudit(em, input.approverId, 'round.payment_approved', ['allocation_round', round.id], {
        before: { status: round.status },
        after: {
          status: 'paying',
          businessDate: today,
          payments: paymentIds.length,
          total: round.total_award,
          planRevision: round.plan_revision,
        },
      });
      return { ...(await roundState(em, round.id)), paymentIds };
    });
  }

  /** The round's approved direct payments, in rank order (for a workflow resuming its disbursement). */
  @Activity()
  async listRoundPayments(roundId: string): Promise<string[]> {
    return roundPaymentIds(this.db.manager, roundId);
  }

  /** After every payment went to the bank: the round is paid. */
  @Activity()
  async completeRoundPayment(roundId: string): Promise<RoundState> {
    return this.db.transaction(async (em) => {
      const round = await lockRound(em, roundId);
      if (!round) throw ApplicationFailure.nonRetryable('round not found', 'RoundNotFound');
      if (round.status === 'paid') return roundState(em, round.id);
      const [{ unpaid }] = await em.query(
        `SELECT count(*)::int AS unpaid FROM direct_payments p JOIN round_entries e ON e.id = p.source_id
          WHERE e.round_id = $1 AND p.kind IN ('round_award','supplier_subsidy') AND p.status <> 'paid'`,
        [round.id],
      );
      if (unpaid > 0) throw new Error(`${unpaid} payments of round ${round.id} are not paid yet`);
      await setRoundStatus(em, round.id, 'paid', 'paid_at = now()');
      await appendAudit(em, ACTOR, 'round.paid', ['allocation_round', round.id], {
        before: { status: round.status },
        after: { status: 'paid', total: round.total_award },
      });
      return roundState(em, round.id);
    });
  }
}

function noticeOf(round: RoundRow) {
  return round.published_on && round.notice_ends_on
    ? { startsOn: round.published_on, endsOn: round.notice_ends_on }
    : null;
}

async function roundPaymentIds(em: import('typeorm').EntityManager, roundId: string): Promise<string[]> {
  const rows: { id: string }[] = await em.query(
    `SELECT p.id FROM direct_payments p JOIN round_entries e ON e.id = p.source_id
      WHERE e.round_id = $1 AND p.kind IN ('round_award','supplier_subsidy') ORDER BY e.rank`,
    [roundId],
  );
  return rows.map((r) => r.id);
}

/** Matches the plan and publishes it: a new revision on notice from `today`. */
async function publish(
  em: import('typeorm').EntityManager,
  round: RoundRow,
  today: string,
  actor: string,
): Promise<RoundState> {
  const def = await definitionVersion(em, round.program_code, round.program_version);
  const total = await matchPlan(em, round, def);
  const notice = noticePeriod(today, round.notice_working_days);
  await setRoundStatus(
    em,
    round.id,
    'notice',
    'plan_revision = plan_revision + 1, published_on = $3, notice_ends_on = $4, total_award = $5',
    [notice.startsOn, notice.endsOn, total.toString()],
  );
  await appendAudit(em, actor, 'round.plan_published', ['allocation_round', round.id], {
    before: { status: round.status, planRevision: round.plan_revision },
    after: {
      status: 'notice',
      planRevision: round.plan_revision + 1,
      publishedOn: notice.startsOn,
      noticeEndsOn: notice.endsOn,
      total: total.toString(),
    },
  });
  return roundState(em, round.id);
}
