import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';

/**
 * Chengdu 特惠算力券 2026 through the HTTP API on the real worker, Temporal and PostgreSQL: 150 units apply
 * across the five spend brackets in a crafted order, the round closes and ranks (bracket, then the server's
 * receipt order), the top 135 are reviewed, a refusal admits the 136th (递补), the plan is matched to the
 * tiers and put on public notice (公示) that anyone can read signed out; an objection is upheld (the entry
 * removed, the next admitted and the plan re-matched and published again), another dismissed; finance is
 * refused during the notice and pays after it.
 */
describe('Chengdu 特惠 round 2026 through the API (real worker, Temporal, PostgreSQL)', () => {
  const PASSWORD = 'correct horse battery staple';
  const YEAR = 2026;
  let db: DataSource;
  let worker: INestApplicationContext;
  let app: INestApplication;
  let admin: ApiSession;
  let reviewer: ApiSession;
  let senior: ApiSession;
  let finance: ApiSession;
  let suppliers: Map<string, { id: string }>;
  let passwordHash: string;

  // Brackets (highest first) and how many units apply in each: the top one overflows its 5 places.
  const BRACKETS = [
    { n: 8, from: '10000000.00' },
    { n: 12, from: '5000000.00' },
    { n: 25, from: '2500000.00' },
    { n: 55, from: '1500000.00' },
    { n: 50, from: '500000.00' },
  ];
  const TIERS = ['2000000.00', '1000000.00', '500000.00', '300000.00', '100000.00'];
  const TIER_COUNTS = [5, 10, 20, 50, 50];

  beforeAll(async () => {
    Object.assign(process.env, { SANDBOX_CLOCK: 'true', TEMPORAL_TASK_QUEUE: `e2e-tehui-${process.pid}` });
    db = await openTestDataSource();
    suppliers = await seedReference(db);
    passwordHash = await hashPassword(PASSWORD);
    for (const [email, role] of [
      ['admin@tehui.example.cn', 'admin'],
      ['reviewer@tehui.example.cn', 'reviewer'],
      ['senior@tehui.example.cn', 'senior_reviewer'],
      ['finance@tehui.example.cn', 'finance'],
    ] as const) {
      await db.getRepository(UserRecord).insert({
        email,
        displayName: email.split('@')[0],
        passwordHash,
        role,
        enterpriseId: null,
        supplierId: null,
        active: true,
      });
    }
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    admin = await signIn(app, 'admin@tehui.example.cn', PASSWORD);
    reviewer = await signIn(app, 'reviewer@tehui.example.cn', PASSWORD);
    senior = await signIn(app, 'senior@tehui.example.cn', PASSWORD);
    finance = await signIn(app, 'finance@tehui.example.cn', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
  }, 60_000);

  const setDate = (businessDate: string) => admin.put('/admin/clock', { businessDate }).expect(200);

  let unitNo = 0;
  async function unit() {
    unitNo += 1;
    const e = await createEnterprise(db, {
      name: `成都测试算力应用${String(unitNo).padStart(3, '0')}有限公司`,
      registrationRegion: 'chengdu',
    });
    const email = `unit${unitNo}@tehui.example.cn`;
    await db.getRepository(UserRecord).insert({
      email,
      displayName: e.name,
      passwordHash,
      role: 'enterprise',
      enterpriseId: e.id,
      supplierId: null,
      active: true,
    });
    return { id: e.id, name: e.name, session: await signIn(app, email, PASSWORD) };
  }

  function evidence(amount: string, supplierCode = 'cd-ai-computing') {
    return [
      {
        supplierId: suppliers.get(supplierCode)!.id,
        contractNumber: `HT-2025-${unitNo}`,
        invoiceNumber: `FP-2025-${unitNo}`,
        paidOn: '2025-09-30',
        amount,
      },
    ];
  }

  interface Applicant {
    id: string;
    name: string;
    session: ApiSession;
    bracket: number;
    spend: string;
    submittedAs: number;
    entryId?: string;
  }

  it('ranks, reviews with backfill, matches tiers, puts the plan on notice and pays after it', async () => {
    // --- Before the window: refused, nothing written -----------------------------------------------------
    await setDate('2026-02-27');
    const early = await unit();
    const tooEarly = await early.session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence('3000000.00') })
      .expect(422);
    expect(tooEarly.body.code).toBe('ROUND_WINDOW_NOT_OPEN');
    expect((await db.query(`SELECT count(*)::int AS n FROM round_entries`))[0].n).toBe(0);

    await setDate('2026-03-02');
    const opened = await admin.post('/rounds', { programCode: 'chengdu-tehui', year: YEAR }).expect(201);
    const roundId: string = opened.body.id;
    expect(opened.body).toMatchObject({
      status: 'open',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      reviewQuota: 135,
      noticeWorkingDays: 5,
      programVersion: 1,
    });

    // --- 150 units across the brackets, submitted in a crafted interleaved order --------------------------
    const applicants: Applicant[] = [];
    for (const [b, { n, from }] of BRACKETS.entries()) {
      for (let i = 0; i < n; i++) {
        // Within a bracket, later units declare MORE spend: the rank must follow receipt order, not amount.
        const spend = Money.parse(from)
          .plus(Money.parse('10000.00').timesRate(String(i)))
          .toString();
        applicants.push({ ...(await unit()), bracket: b, spend, submittedAs: -1 });
      }
    }
    // A deterministic interleaving (37 is coprime with 150): brackets arrive mixed.
    const order = applicants.map((_, i) => (i * 37) % applicants.length);
    let seq = 0;
    for (const idx of order) {
      const a = applicants[idx];
      const res = await a.session
        .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence(a.spend) })
        .expect(201);
      a.entryId = res.body.id;
      a.submittedAs = seq++;
      expect(res.body).toMatchObject({ standing: 'submitted', basis: a.spend, programVersion: 1 });
    }

    // Refusals at submission: twice, below the lowest tier, a 普惠 holder (seeded: the pool's own table).
    const dup = await applicants[0].session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence('9000000.00') })
      .expect(422);
    expect(dup.body.code).toBe('ROUND_ALREADY_APPLIED');
    const small = await unit();
    const below = await small.session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence('499999.99') })
      .expect(422);
    expect(below.body.code).toBe('ROUND_SPEND_BELOW_LOWEST_TIER');
    const puhuiHolder = await unit();
    const [someone] = await db.query(`SELECT id FROM users WHERE email = 'admin@tehui.example.cn'`);
    await db.query(
      `INSERT INTO pool_applications (program_code, program_version, year, enterprise_id, receipt_no, status,
                                      submitted_on, submitted_by)
       VALUES ('chengdu-puhui', 1, 2026, $1, 900001, 'issued', '2026-01-15', $2)`,
      [puhuiHolder.id, someone.id],
    );
    const holder = await puhuiHolder.session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence('12000000.00') })
      .expect(422);
    expect(holder.body.code).toBe('ROUND_NOT_COMBINABLE');
    expect(holder.body.message).toContain('不可重复申领');
    // §二: a unit registered outside Chengdu; spend paid to a supplier not on Chengdu's list.
    const outsider = await unit();
    await db.query(`UPDATE enterprises SET registration_region = 'beijing' WHERE id = $1`, [outsider.id]);
    const notLocal = await outsider.session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: evidence('3000000.00') })
      .expect(422);
    expect(notLocal.body.code).toBe('ENTERPRISE_NOT_REGISTERED_IN_REGION');
    const offList = await small.session
      .post('/round-entries', {
        programCode: 'chengdu-tehui',
        year: YEAR,
        evidence: evidence('3000000.00', 'baidu'),
      })
      .expect(422);
    expect(offList.body).toMatchObject({ code: 'SUPPLIER_NOT_PARTNER' });
    expect(offList.body.errors[0].field).toBe('evidence.0.supplierId');
    const bad = await applicants[1].session
      .post('/round-entries', { programCode: 'chengdu-tehui', year: YEAR, evidence: [{ amount: '-1' }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['evidence.0.amount', 'evidence.0.supplierId']),
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM round_entries`))[0].n).toBe(150);

    // Materials: the definition's application documents, uploaded to the unit's own entry.
    const first = applicants[0];
    const pdf = Buffer.from('%PDF-1.4 年度使用算力服务凭证');
    const uploaded = await first.session
      .post(`/round-entries/${first.entryId}/materials`)
      .field('code', 'annual-usage')
      .attach('file', pdf, { filename: '年度使用算力服务凭证.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(uploaded.body).toMatchObject({ code: 'annual-usage', sizeBytes: pdf.length });
    const wrongCode = await first.session
      .post(`/round-entries/${first.entryId}/materials`)
      .field('code', 'puhui-form')
      .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(wrongCode.body.code).toBe('MATERIAL_CODE');
    await applicants[1].session
      .post(`/round-entries/${first.entryId}/materials`)
      .field('code', 'annual-usage')
      .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(404);
    const detail = (await first.session.get(`/round-entries/${first.entryId}`).expect(200)).body;
    expect(
      detail.requiredMaterials.map((m: { code: string; uploaded: boolean }) => [m.code, m.uploaded]),
    ).toEqual([
      ['business-licence', false],
      ['legal-rep-id', false],
      ['authenticity-pledge', false],
      ['compliance-pledge', false],
      ['contract', false],
      ['payment-proof', false],
      ['invoice', false],
      ['annual-usage', true],
    ]);
    expect(detail.evidence).toEqual([
      expect.objectContaining({ supplierCode: 'cd-ai-computing', amount: first.spend, paidOn: '2025-09-30' }),
    ]);

    // --- Close: refused while the window runs; ranks the day after ---------------------------------------
    await setDate('2026-03-31');
    expect((await reviewer.post(`/rounds/${roundId}/close`).expect(422)).body.code).toBe(
      'ROUND_WINDOW_STILL_OPEN',
    );
    await setDate('2026-04-01');
    const closed = await reviewer.post(`/rounds/${roundId}/close`).expect(200);
    expect(closed.body).toMatchObject({
      status: 'reviewing',
      counts: { entries: 150, inReview: 135, waiting: 15 },
    });

    // The ranking: bracket first, then the server's receipt order.
    const expectedRank = [...applicants].sort(
      (a, b) => a.bracket - b.bracket || a.submittedAs - b.submittedAs,
    );
    const list = async () =>
      (await reviewer.get(`/rounds/${roundId}/entries`).expect(200)).body.items as {
        id: string;
        rank: number;
        bracket: number;
        standing: string;
        award: string | null;
        tier: number | null;
        applicantName: string;
        paymentStatus: string | null;
        bankReference: string | null;
      }[];
    let entries = await list();
    expect(entries.map((e) => e.id)).toEqual(expectedRank.map((a) => a.entryId));
    expect(entries.map((e) => e.rank)).toEqual(expectedRank.map((_, i) => i + 1));
    expect(entries.map((e) => e.bracket)).toEqual(expectedRank.map((a) => a.bracket));
    expect(entries.slice(0, 135).every((e) => e.standing === 'in_review')).toBe(true);
    // The reviewer sees which required documents each entry still lacks.
    const firstRow = (await reviewer.get(`/rounds/${roundId}/entries`).expect(200)).body.items.find(
      (e: { id: string }) => e.id === first.entryId,
    );
    expect(firstRow.materialsMissing).toHaveLength(7);
    expect(firstRow.materialsMissing).not.toContain('annual-usage');
    expect(entries.slice(135).every((e) => e.standing === 'waiting')).toBe(true);
    // Receipt order beats amount: inside a bracket the ranking is not the order of the amounts.
    for (const b of [0, 3]) {
      const spends = expectedRank.filter((a) => a.bracket === b).map((a) => Money.parse(a.spend));
      const byAmount = [...spends].sort((x, y) => y.cmp(x));
      expect(spends.map(String)).not.toEqual(byAmount.map(String));
    }

    // --- Review: a refusal admits rank 136 (递补); a refusal needs a reason ------------------------------
    const third = entries[2];
    const noReason = await reviewer
      .post(`/rounds/${roundId}/entries/${third.id}/review`, { decision: 'refuse' })
      .expect(422);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const refusedRes = await reviewer
      .post(`/rounds/${roundId}/entries/${third.id}/review`, {
        decision: 'refuse',
        reason: '算力服务合同与结算发票金额不一致',
      })
      .expect(200);
    expect(refusedRes.body.standing).toBe('refused');
    entries = await list();
    expect(entries[135].standing).toBe('in_review');
    expect(entries[136].standing).toBe('waiting');
    // A waiting entry cannot be reviewed yet.
    expect(
      (
        await reviewer
          .post(`/rounds/${roundId}/entries/${entries[140].id}/review`, { decision: 'approve' })
          .expect(409)
      ).body.code,
    ).toBe('ENTRY_NOT_IN_REVIEW');
    for (const e of entries.filter((x) => x.standing === 'in_review')) {
      await reviewer.post(`/rounds/${roundId}/entries/${e.id}/review`, { decision: 'approve' }).expect(200);
    }

    // --- The plan on notice: tiers matched in rank order, the overflow a tier down ------------------------
    const onNotice = await eventually(async () => {
      const r = await reviewer.get(`/rounds/${roundId}`).expect(200);
      return r.body.status === 'notice' ? r.body : undefined;
    }, 'the plan on notice');
    expect(onNotice).toMatchObject({
      planRevision: 1,
      publishedOn: '2026-04-01',
      noticeEndsOn: '2026-04-09', // 5 working days after Wednesday 1 April; 清明 (Monday 6 April) is off
      totalAward: '50000000.00',
      counts: { approved: 135, refused: 1, waiting: 14, awarded: 135 },
    });
    entries = await list();
    const awarded = entries.filter((e) => e.award);
    expect(TIERS.map((t) => awarded.filter((e) => e.award === t).length)).toEqual(TIER_COUNTS);
    // In rank order each gets the highest tier with room whose threshold it meets.
    const rankOrderTiers = awarded.map((e) => e.tier!);
    expect([...rankOrderTiers].sort((a, b) => a - b)).toEqual(rankOrderTiers);
    expect(awarded.every((e) => e.tier! >= e.bracket)).toBe(true);
    // The top bracket's 7 approved: five at 2,000,000.00, two a tier down at 1,000,000.00.
    expect(awarded.filter((e) => e.bracket === 0).map((e) => e.award)).toEqual([
      ...Array(5).fill('2000000.00'),
      ...Array(2).fill('1000000.00'),
    ]);
    expect(entries[135].award).toBe('100000.00');

    // --- The public notice page: signed out ----------------------------------------------------------------
    const server = app.getHttpServer();
    const notice = await request(server).get(`/public/notices/chengdu-tehui/${YEAR}`).expect(200);
    expect(notice.body).toMatchObject({
      planRevision: 1,
      publishedOn: '2026-04-01',
      noticeEndsOn: '2026-04-09',
      onNotice: true,
      totalAward: '50000000.00',
    });
    expect(notice.body.entries).toHaveLength(135);
    expect(notice.body.entries[0]).toEqual(
      expect.objectContaining({ applicantName: entries[0].applicantName, award: '2000000.00', rank: 1 }),
    );
    expect(JSON.stringify(notice.body)).not.toMatch(/basis|contact|evidence/);
    const listed = await request(server).get('/public/notices').expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ programCode: 'chengdu-tehui', year: YEAR }),
    ]);

    // --- Objections by anyone during the notice; finance refused during it --------------------------------
    await setDate('2026-04-02');
    const objected = entries[0];
    const o1 = await request(server)
      .post(`/public/notices/chengdu-tehui/${YEAR}/objections`)
      .send({
        entryId: objected.id,
        name: '王五',
        contact: '13800000001',
        content: '该单位上年度算力支出含关联方租赁费用，不应计入。',
      })
      .expect(201);
    const badObjection = await request(server)
      .post(`/public/notices/chengdu-tehui/${YEAR}/objections`)
      .send({ entryId: objected.id, name: '', contact: '1' })
      .expect(400);
    expect(badObjection.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['name', 'contact', 'content']),
    );
    await setDate('2026-04-03');
    const early1 = await finance.post(`/rounds/${roundId}/approve`).expect(422);
    expect(early1.body.code).toBe('ROUND_NOTICE_NOT_OVER');
    expect((await db.query(`SELECT count(*)::int AS n FROM direct_payments`))[0].n).toBe(0);
    // Only a senior reviewer decides objections.
    await reviewer
      .post(`/rounds/${roundId}/objections/${o1.body.id}/decision`, { outcome: 'upheld', reason: 'x' })
      .expect(403);
    await senior
      .post(`/rounds/${roundId}/objections/${o1.body.id}/decision`, {
        outcome: 'upheld',
        reason: '经核实，关联方费用不计入，取消其入选资格',
      })
      .expect(200);
    entries = await list();
    expect(entries[0]).toMatchObject({ standing: 'removed', award: null });
    // 递补: the next in rank (137) is admitted and reviewed; the round is back in review meanwhile.
    expect(entries[136].standing).toBe('in_review');
    expect((await reviewer.get(`/rounds/${roundId}`).expect(200)).body.status).toBe('reviewing');
    await reviewer
      .post(`/rounds/${roundId}/entries/${entries[136].id}/review`, { decision: 'approve' })
      .expect(200);
    const republished = await eventually(async () => {
      const r = await reviewer.get(`/rounds/${roundId}`).expect(200);
      return r.body.status === 'notice' && r.body.planRevision === 2 ? r.body : undefined;
    }, 'the re-matched plan on notice');
    expect(republished).toMatchObject({
      publishedOn: '2026-04-03',
      noticeEndsOn: '2026-04-13',
      totalAward: '50000000.00',
      counts: { approved: 135, removed: 1, refused: 1, awarded: 135 },
    });
    entries = await list();
    // The top bracket now has 6: five at 2,000,000.00 (rank 2 moved up into the freed place), one at 1M.
    expect(entries.filter((e) => e.bracket === 0 && e.award).map((e) => e.award)).toEqual([
      ...Array(5).fill('2000000.00'),
      '1000000.00',
    ]);
    expect(entries[136].award).toBe('100000.00');
    const page2 = await request(server).get(`/public/notices/chengdu-tehui/${YEAR}`).expect(200);
    expect(page2.body.entries.map((e: { id: string }) => e.id)).not.toContain(objected.id);
    expect(page2.body.entries.map((e: { id: string }) => e.id)).toContain(entries[136].id);

    // An objection left open at the notice's end holds the payment until it is decided.
    await setDate('2026-04-09');
    const o2 = await request(server)
      .post(`/public/notices/chengdu-tehui/${YEAR}/objections`)
      .send({
        entryId: entries[1].id,
        name: '李四',
        contact: 'lisi@example.cn',
        content: '对该单位的支出金额有疑问。',
      })
      .expect(201);
    await setDate('2026-04-13');
    expect((await finance.post(`/rounds/${roundId}/approve`).expect(422)).body.code).toBe(
      'ROUND_NOTICE_NOT_OVER',
    );
    await setDate('2026-04-14');
    expect((await finance.post(`/rounds/${roundId}/approve`).expect(422)).body.code).toBe(
      'ROUND_OBJECTIONS_OPEN',
    );
    const late = await request(server)
      .post(`/public/notices/chengdu-tehui/${YEAR}/objections`)
      .send({
        entryId: entries[1].id,
        name: '赵六',
        contact: '13900000000',
        content: '公示结束后提出的异议。',
      })
      .expect(422);
    expect(late.body.code).toBe('ROUND_NOTICE_CLOSED');
    await senior
      .post(`/rounds/${roundId}/objections/${o2.body.id}/decision`, {
        outcome: 'dismissed',
        reason: '经核查，费用支付凭证与发票一致',
      })
      .expect(200);
    const objections = (await senior.get(`/rounds/${roundId}/objections`).expect(200)).body.items;
    expect(objections.map((o: { status: string }) => o.status)).toEqual(['upheld', 'dismissed']);

    // --- Finance approves after the notice; every award is paid directly -----------------------------------
    await finance.post(`/rounds/${roundId}/approve`).expect(200);
    expect((await finance.post(`/rounds/${roundId}/approve`).expect(409)).body.code).toBe(
      'ROUND_ALREADY_APPROVED',
    );
    const paid = await eventually(
      async () => {
        const r = await finance.get(`/rounds/${roundId}`).expect(200);
        return r.body.status === 'paid' ? r.body : undefined;
      },
      'the round paid',
      90_000,
    );
    expect(paid.totalAward).toBe('50000000.00');
    entries = await list();
    const payees = entries.filter((e) => e.award);
    expect(payees).toHaveLength(135);
    expect(payees.every((e) => e.paymentStatus === 'paid' && e.bankReference)).toBe(true);
    const [totals] = await db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total, count(DISTINCT payee_id)::int AS payees
         FROM direct_payments WHERE kind = 'round_award' AND status = 'paid' AND payee_kind = 'enterprise'`,
    );
    expect(totals).toEqual({ n: 135, total: '50000000.00', payees: 135 });
    const [bank] = await db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM simulated_bank_transfers WHERE payee_kind = 'enterprise'`,
    );
    expect(bank).toEqual({ n: 135, total: '50000000.00' });
    const [shares] = await db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM funding_shares
        WHERE payment_kind = 'direct' AND program_code = 'chengdu-tehui' AND funder_code = 'chengdu-municipal'`,
    );
    expect(shares).toEqual({ n: 135, total: '50000000.00' });
    // The removed and the refused entries are never paid; nor is anyone still waiting.
    const unpaid = entries.filter((e) => !e.award).map((e) => e.standing);
    expect(unpaid.sort()).toEqual(['refused', 'removed', ...Array(13).fill('waiting')].sort());

    // Every decision and money movement is audited.
    const audit = await db.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'round.%' GROUP BY action ORDER BY action`,
    );
    expect(
      Object.fromEntries(audit.map((a: { action: string; n: number }) => [a.action, a.n])),
    ).toMatchObject({
      'round.entry_submitted': 150,
      'round.closed_and_ranked': 1,
      'round.entry_refused': 1,
      'round.entry_approved': 136,
      'round.plan_published': 2,
      'round.objection_raised': 2,
      'round.objection_upheld': 1,
      'round.objection_dismissed': 1,
      'round.payment_approved': 1,
      'round.paid': 1,
    });
    // Who was told what (in-app and by email, each unit's own users).
    const told = async (entryId: string) =>
      (
        await db.query(
          `SELECT n.kind, n.subject, n.email_sent_at IS NOT NULL AS mailed FROM notifications n
            WHERE n.entity_type = 'round_entry' AND n.entity_id = $1 ORDER BY n.created_at`,
          [entryId],
        )
      ).map((n: { kind: string; subject: string; mailed: boolean }) => `${n.kind}|${n.mailed}|${n.subject}`);
    // Every payee is told it was paid (the workflow sends them after the payments).
    await eventually(
      async () => {
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM notifications WHERE kind = 'round.paid'`,
        );
        return n === 135;
      },
      'the paid notices',
      60_000,
    );
    expect(await told(entries[1].id)).toEqual([
      'round.plan|true|成都市特惠算力券（2026年度）分配方案公示 / Chengdu Preferential Compute Voucher 2026: allocation plan on public notice',
      'round.plan|true|成都市特惠算力券（2026年度）分配方案公示 / Chengdu Preferential Compute Voucher 2026: allocation plan on public notice',
      'round.paid|true|成都市特惠算力券（2026年度）已拨付 / Chengdu Preferential Compute Voucher 2026: paid',
    ]);
    expect((await told(entries[2].id)).map((x: string) => x.split('|')[0])).toEqual(['round.refused']);
    expect((await told(objected.id)).map((x: string) => x.split('|')[0])).toEqual([
      'round.plan',
      'round.removed',
    ]);
    expect((await told(entries[136].id)).map((x: string) => x.split('|')[0])).toEqual([
      'round.plan',
      'round.paid',
    ]);
    const [body] = await db.query(
      `SELECT body FROM notifications WHERE kind = 'round.paid' AND entity_id = $1`,
      [entries[1].id],
    );
    expect(body.body).toContain('¥2,000,000.00');

    // The applicant sees its own entry with its award and payment, and only its own.
    const mine = await applicants
      .find((a) => a.entryId === entries[1].id)!
      .session.get('/round-entries')
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: entries[1].id, award: '2000000.00', paymentStatus: 'paid' }),
    ]);
    const other = applicants.find((a) => a.entryId !== entries[1].id)!;
    await other.session.get(`/round-entries/${entries[1].id}`).expect(404);
  }, 600_000);
});
