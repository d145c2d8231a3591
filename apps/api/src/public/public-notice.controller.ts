import { Body, Controller, Param, ParseIntPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Money, REASON_MESSAGES, findProgram, isNoticeRunning, tiersHighestFirst } from '@app/domain';
import { BusinessClock, appendAudit } from '@app/persistence';
import { findRound } from '@app/activities/round-store';
import { Public } from '../auth/decorators';
import { notFound, refused } from '../common/errors';
import { ApiGet, ApiPost } from '../common/routes';
import { ObjectionDto } from '../rounds/rounds.dto';
import {
  ObjectionRaisedResponse,
  PublicNoticeListResponse,
  PublicNoticeResponse,
} from './public-notice.responses';

const PUBLISHED = ['notice', 'awaiting_finance', 'paying', 'paid'];

/**
 * 公示: the allocation plans anyone may read without signing in, and objections anyone may raise (with a
 * contact) while a plan is on notice. Only what a public notice shows: names, ranks, amounts, dates.
 */
@ApiTags('public')
@Public()
@Controller('public/notices')
export class PublicNoticeController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
  ) {}

  @ApiGet('', '公示列表 · Published notices', PublicNoticeListResponse)
  async list() {
    const rows = await this.db.query(
      `SELECT program_code, year, status, plan_revision, to_char(published_on, 'YYYY-MM-DD') AS published_on,
              to_char(notice_ends_on, 'YYYY-MM-DD') AS notice_ends_on, total_award::text AS total_award
         FROM allocation_rounds WHERE status = ANY($1) ORDER BY published_on DESC, program_code`,
      [PUBLISHED],
    );
    const today = await this.clock.today();
    return {
      businessDate: today,
      items: rows.map((r: Record<string, string>) => ({
        programCode: r.program_code,
        programName: findProgram(r.program_code)?.name ?? null,
        year: r.year,
        planRevision: r.plan_revision,
        publishedOn: r.published_on,
        noticeEndsOn: r.notice_ends_on,
        onNotice: isNoticeRunning({ startsOn: r.published_on, endsOn: r.notice_ends_on }, today),
        totalAward: Money.of(r.total_award).toString(),
      })),
    };
  }

  @ApiGet(':programCode/:year', '公示详情 · One published notice', PublicNoticeResponse)
  async plan(@Param('programCode') programCode: string, @Param('year', ParseIntPipe) year: number) {
    const round = await findRound(this.db.manager, programCode, year);
    if (!round || !PUBLISHED.includes(round.status)) notFound('public notice');
    const today = await this.clock.today();
    const program = findProgram(programCode);
    const tiers = program ? tiersHighestFirst(program.faceValueTiers) : [];
    const entries = await this.db.query(
      `SELECT id, applicant_name, applicant_kind, rank, tier, award::text AS award
         FROM round_entries WHERE round_id = $1 AND award IS NOT NULL ORDER BY rank`,
      [round.id],
    );
    return {
      programCode,
      programName: program?.name ?? null,
      year,
      planRevision: round.plan_revision,
      publishedOn: round.published_on,
      noticeEndsOn: round.notice_ends_on,
      businessDate: today,
      onNotice: isNoticeRunning({ startsOn: round.published_on!, endsOn: round.notice_ends_on! }, today),
      totalAward: Money.of(round.total_award).toString(),
      entries: entries.map((e: Record<string, unknown>) => ({
        id: e.id,
        applicantName: e.applicant_name,
        applicantKind: e.applicant_kind,
        rank: e.rank,
        tier: e.tier,
        tierLabel:
          e.tier !== null && tiers[e.tier as number]
            ? `≥ ${tiers[e.tier as number].minPriorYearSpend ?? '0'}`
            : null,
        award: e.award,
      })),
    };
  }

  @ApiPost(
    ':programCode/:year/objections',
    '提出异议 · Object to a published notice',
    ObjectionRaisedResponse,
  )
  async object(
    @Param('programCode') programCode: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() dto: ObjectionDto,
  ) {
    const round = await findRound(this.db.manager, programCode, year);
    if (!round) notFound('public notice');
    const today = await this.clock.today();
    const onNotice =
      round.status === 'notice' &&
      isNoticeRunning({ startsOn: round.published_on!, endsOn: round.notice_ends_on! }, today);
    if (!onNotice) refused('ROUND_NOTICE_CLOSED', REASON_MESSAGES.ROUND_NOTICE_CLOSED);
    return this.db.transaction(async (tx) => {
      const [r] = await tx.query(
        `SELECT status, plan_revision FROM allocation_rounds WHERE id = $1 FOR SHARE`,
        [round.id],
      );
      if (r.status !== 'notice') refused('ROUND_NOTICE_CLOSED', REASON_MESSAGES.ROUND_NOTICE_CLOSED);
      const [entry] = await tx.query(
        `SELECT id FROM round_entries WHERE id = $1 AND round_id = $2 AND award IS NOT NULL`,
        [dto.entryId, round.id],
      );
      if (!entry)
        refused(
          'OBJECTION_ENTRY_NOT_IN_PLAN',
          { zh: '异议对象不在公示名单中', en: 'That entry is not in the plan on notice' },
          'entryId',
        );
      const [o] = await tx.query(
        `INSERT INTO round_objections (round_id, entry_id, plan_revision, objector_name, contact, content)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [round.id, dto.entryId, r.plan_revision, dto.name.trim(), dto.contact.trim(), dto.content.trim()],
      );
      await appendAudit(tx, 'anonymous', 'round.objection_raised', ['round_objection', o.id], {
        after: { roundId: round.id, entryId: dto.entryId, planRevision: r.plan_revision, name: dto.name },
      });
      return { id: o.id, status: 'open', createdAt: o.created_at };
    });
  }
}
