import type { DataSource } from 'typeorm';
import type { ApiSession } from '../support/http';
import { e2eSuite } from '../support/e2e-stack';

/**
 * The cross-program rules through the HTTP API on the real worker, Temporal dev server and PostgreSQL:
 * one spending (a contract line, an invoice) is funded once — by the more favourable program (从优/就高/
 * 不重复), the other refused or replaced; Hangzhou's 智能券 stacks on the 算力券 only up to 45% / 25%;
 * Guiyang's 晋级补差 pays only the difference; a Yinchuan unit eligible under arts. 9 and 14 is funded once,
 * by the higher; what other support the application did not declare is shown to the reviewer.
 */
describe('cross-program rules (real worker, Temporal, PostgreSQL)', () => {
  const stack = e2eSuite('cross-program', {
    env: { SECOND_APPROVAL_THRESHOLD: '100000000.00' },
    date: '2025-06-16',
  });
  let db: DataSource;
  let admin: ApiSession;
  let reviewer: ApiSession;
  let supplierId: string;

  beforeAll(async () => {
    ({ db, admin } = stack);
    reviewer = await stack.user('reviewer@cross.example.cn', 'reviewer');
    const s = await admin.post('/admin/suppliers', {
      code: 'cross-supplier',
      nameZh: '跨项目算力服务有限公司',
      nameEn: 'Cross-Program Compute Services',
      isPartner: false,
      serviceKinds: ['intelligent_compute', 'model_training', 'model_service', 'data_product'],
      contactEmail: 'sales@cross.example.cn',
    });
    expect(s.status).toBe(201);
    supplierId = s.body.id;
  });

  const enterprise = (region: string) => stack.enterprise(region, 'XPG');
  const settled = (session: ApiSession, id: string, statuses: string[]) =>
    stack.applicationIn(session, id, statuses);
  const approve = (applicationId: string) => stack.approveReview(reviewer, applicationId);

  type Line = { serviceKind: string; amount: string; domestic?: boolean; invoiceNumber?: string };
  async function apply(
    e: { session: ApiSession },
    programCode: string,
    contractNumber: string,
    lines: Line[],
    extra: Record<string, unknown> = {},
  ) {
    const res = await e.session.post('/applications', {
      programCode,
      supplierId,
      contractNumber,
      signedOn: '2025-06-01',
      startDate: '2025-06-01',
      endDate: '2025-11-30',
      applicationDomain: 'other',
      lines,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Through review to issuance; returns the application as its enterprise sees it. */
  async function issued(e: { session: ApiSession }, id: string) {
    const checked = await settled(e.session, id, ['in_review', 'refused']);
    expect(checked).toMatchObject({ status: 'in_review', refusalCode: null });
    await approve(id);
    return settled(e.session, id, ['issued']);
  }

  const active = (key: string) =>
    db.query(
      `SELECT program_code, role, amount::text, reason_code FROM funded_spending
        WHERE spending_key = $1 AND status = 'active' ORDER BY role, program_code`,
      [key],
    );

  it('the same invoice presented to Shandong (5%) and Qingdao (20%) is funded once, by Qingdao', async () => {
    // Less favourable first: Shandong funds it, then Qingdao's more favourable funding replaces it.
    const a = await enterprise('shandong-qingdao');
    const line = [{ serviceKind: 'intelligent_compute', amount: '1000000.00', invoiceNumber: 'QD-INV-1' }];
    const sd = await issued(a, await apply(a, 'shandong-compute', 'QD-HT-1', line));
    expect(sd.voucher.faceValue).toBe('50000.00');
    const qdId = await apply(a, 'qingdao-compute', 'QD-HT-1', line);
    const quoted = await settled(a.session, qdId, ['in_review']);
    // The reviewer sees the other funding, that it was not declared, and what the resolver will do.
    const seen = await reviewer.get(`/applications/${qdId}`).expect(200);
    expect(seen.body.computation.quotedFaceValue).toBe('200000.00');
    expect(seen.body.crossProgram).toMatchObject({
      detected: [
        {
          programCode: 'shandong-compute',
          key: 'invoice:cross-supplier:QD-INV-1',
          amount: '50000.00',
          role: 'primary',
        },
      ],
      undeclared: [
        { programCode: 'shandong-compute', keys: ['invoice:cross-supplier:QD-INV-1'], amount: '50000.00' },
      ],
      flags: ['UNDECLARED_OTHER_SUPPORT'],
      decisions: [
        {
          spendingKey: 'invoice:cross-supplier:QD-INV-1',
          outcome: 'supersede',
          amount: '200000.00',
          fundedElsewhere: '50000.00',
          reason: 'CROSS_PROGRAM_SUPERSEDES',
        },
      ],
    });
    expect(quoted.contract.id).toBe(sd.contract.id);
    await approve(qdId);
    const qd = await settled(a.session, qdId, ['issued']);
    expect(qd.voucher.faceValue).toBe('200000.00');
    const old = await a.session.get(`/applications/${sd.id}`).expect(200);
    expect(old.body.voucher.status).toBe('superseded');
    expect(await active('invoice:cross-supplier:QD-INV-1')).toEqual([
      {
        program_code: 'qingdao-compute',
        role: 'primary',
        amount: '200000.00',
        reason_code: 'CROSS_PROGRAM_SUPERSEDES',
      },
    ]);
    // Shandong's room is given back: its yearly ledger holds nothing for this enterprise.
    const ledger = await db.query(
      `SELECT program_code, issued::text FROM yearly_cap_ledger WHERE enterprise_id = $1 ORDER BY program_code`,
      [a.id],
    );
    expect(ledger).toEqual([
      { program_code: 'qingdao-compute', issued: '200000.00' },
      { program_code: 'shandong-compute', issued: '0.00' },
    ]);
    const audit = await db.query(
      `SELECT after->>'byApplicationId' AS by FROM audit_log WHERE action = 'voucher.superseded' AND entity_id = $1`,
      [sd.voucher.id],
    );
    expect(audit).toEqual([{ by: qdId }]);

    // More favourable first: Qingdao funds it; Shandong, presented the same invoice on another contract
    // (and declaring Qingdao's support), is refused and nothing is written.
    const b = await enterprise('shandong-qingdao');
    const qd2 = await issued(
      b,
      await apply(b, 'qingdao-compute', 'QD-HT-2', [
        { serviceKind: 'intelligent_compute', amount: '300000.00', invoiceNumber: 'QD-INV-2' },
      ]),
    );
    expect(qd2.voucher.faceValue).toBe('60000.00');
    const sdId = await apply(
      b,
      'shandong-compute',
      'QD-HT-2-COPY',
      [{ serviceKind: 'intelligent_compute', amount: '300000.00', invoiceNumber: ' qd-inv-2 ' }],
      {
        declaredOtherSupport: [
          {
            programCode: 'qingdao-compute',
            programName: '青岛市算力券',
            amount: '60000.00',
            status: 'received',
          },
        ],
      },
    );
    const refused = await settled(b.session, sdId, ['refused']);
    expect(refused).toMatchObject({
      refusalCode: 'SPENDING_FUNDED_MORE_FAVOURABLY',
      voucher: null,
      declaredOtherSupport: [
        {
          programCode: 'qingdao-compute',
          programName: '青岛市算力券',
          amount: '60000.00',
          status: 'received',
        },
      ],
      crossProgram: {
        undeclared: [],
        flags: [],
        decisions: [{ outcome: 'refuse', fundedElsewhere: '60000.00' }],
      },
    });
    expect(await active('invoice:cross-supplier:QD-INV-2')).toEqual([
      {
        program_code: 'qingdao-compute',
        role: 'primary',
        amount: '60000.00',
        reason_code: 'CROSS_PROGRAM_FIRST_FUNDING',
      },
    ]);
  });

  it('Hangzhou: the 智能券 stacks on the 算力券 only up to 45% (domestic) and 25% (other compute)', async () => {
    const e = await enterprise('zhejiang-hangzhou');
    const lines = [
      { serviceKind: 'intelligent_compute', amount: '1000000.00', domestic: true },
      { serviceKind: 'intelligent_compute', amount: '1000000.00', domestic: false },
    ];
    const city = await issued(e, await apply(e, 'hangzhou-compute', 'HZ-1', lines));
    expect(city.voucher.faceValue).toBe('500000.00'); // 30% + 20%
    const smart = await issued(e, await apply(e, 'hangzhou-smart', 'HZ-1', lines));
    // Alone 30% + 10% = 400,000.00; stacked only to 450,000.00 and 250,000.00: 150,000.00 + 50,000.00.
    expect(smart.voucher.faceValue).toBe('200000.00');
    expect(smart.crossProgram.decisions).toEqual([
      expect.objectContaining({
        spendingKey: 'contract:cross-supplier:HZ-1#1',
        outcome: 'stack',
        amount: '150000.00',
        reason: 'CROSS_PROGRAM_STACKED',
      }),
      expect.objectContaining({
        spendingKey: 'contract:cross-supplier:HZ-1#2',
        outcome: 'stack',
        amount: '50000.00',
        reason: 'CROSS_PROGRAM_STACKED',
      }),
    ]);
    const total = await db.query(
      `SELECT spending_key, sum(amount)::text AS total, sum(base)::text AS base FROM funded_spending
        WHERE spending_key LIKE 'contract:cross-supplier:HZ-1#%' AND status = 'active' GROUP BY 1 ORDER BY 1`,
    );
    // 45% and 25% of each 1,000,000.00 line, exactly (each program records the line's base).
    expect(total).toEqual([
      { spending_key: 'contract:cross-supplier:HZ-1#1', total: '450000.00', base: '2000000.00' },
      { spending_key: 'contract:cross-supplier:HZ-1#2', total: '250000.00', base: '2000000.00' },
    ]);
    // The stacked total counts on the one 8,000,000.00 yearly ledger.
    const [ledger] = await db.query(
      `SELECT issued::text FROM yearly_cap_ledger WHERE program_code = 'hangzhou-compute' AND enterprise_id = $1`,
      [e.id],
    );
    expect(ledger.issued).toBe('700000.00');

    // The other order stops at the same rate; and a full stack leaves nothing for another program.
    const f = await enterprise('zhejiang-hangzhou');
    const line = [{ serviceKind: 'intelligent_compute', amount: '2000000.00', domestic: true }];
    expect((await issued(f, await apply(f, 'hangzhou-smart', 'HZ-2', line))).voucher.faceValue).toBe(
      '600000.00',
    );
    expect((await issued(f, await apply(f, 'hangzhou-compute', 'HZ-2', line))).voucher.faceValue).toBe(
      '300000.00',
    );
    const third = await apply(f, 'zhejiang-compute', 'HZ-2', line);
    expect(await settled(f.session, third, ['refused'])).toMatchObject({
      refusalCode: 'SPENDING_FUNDED_MORE_FAVOURABLY',
    });
  });

  it('晋级补差: Guiyang funds a spending Guizhou already funds only by the difference', async () => {
    const e = await enterprise('guizhou-guiyang');
    const line = [{ serviceKind: 'intelligent_compute', amount: '1000000.00', invoiceNumber: 'GY-INV-1' }];
    const gz = await issued(e, await apply(e, 'guizhou-compute', 'GY-1', line));
    expect(gz.voucher.faceValue).toBe('30000.00'); // the deal line, 3%
    const gy = await issued(e, await apply(e, 'guiyang-compute', 'GY-1', line));
    expect(gy.voucher.faceValue).toBe('270000.00'); // 30% = 300,000.00 less the 30,000.00 funded
    expect(gy.crossProgram.decisions).toEqual([
      expect.objectContaining({
        outcome: 'top-up',
        amount: '270000.00',
        fundedElsewhere: '30000.00',
        reason: 'CROSS_PROGRAM_TOP_UP',
      }),
    ]);
    expect((await e.session.get(`/applications/${gz.id}`).expect(200)).body.voucher.status).toBe('active');
    expect(await active('invoice:cross-supplier:GY-INV-1')).toEqual([
      {
        program_code: 'guizhou-compute',
        role: 'primary',
        amount: '30000.00',
        reason_code: 'CROSS_PROGRAM_FIRST_FUNDING',
      },
      {
        program_code: 'guiyang-compute',
        role: 'top-up',
        amount: '270000.00',
        reason_code: 'CROSS_PROGRAM_TOP_UP',
      },
    ]);
  });

  it('Yinchuan: a unit eligible under arts. 9 and 14 is funded once, by the higher', async () => {
    const facts = {
      applicantCategories: ['listed-talent'],
      projectFacts: [
        { fact: 'modelParameters', value: '20000000000' },
        { fact: 'applicationScenarios', value: '5' },
      ],
    };
    const line = [{ serviceKind: 'intelligent_compute', amount: '10000000.00' }];
    // Art. 14 first (30% → its one-off 2,000,000.00), then art. 9 (30% → 3,000,000.00) replaces it.
    const a = await enterprise('ningxia-yinchuan');
    const t = await issued(a, await apply(a, 'yinchuan-talent', 'YC-1', line, facts));
    expect(t.voucher.faceValue).toBe('2000000.00');
    const m = await issued(a, await apply(a, 'yinchuan-model', 'YC-1', line, facts));
    expect(m.voucher.faceValue).toBe('3000000.00');
    expect(m.crossProgram.decisions[0]).toMatchObject({
      outcome: 'supersede',
      reason: 'CROSS_PROGRAM_SUPERSEDES',
    });
    expect((await a.session.get(`/applications/${t.id}`).expect(200)).body.voucher.status).toBe('superseded');
    const [cumulative] = await db.query(
      `SELECT issued::text FROM cumulative_cap_ledger WHERE program_code = 'yinchuan-talent' AND enterprise_id = $1`,
      [a.id],
    );
    expect(cumulative.issued).toBe('0.00');
    expect(await active('contract:cross-supplier:YC-1#1')).toEqual([
      {
        program_code: 'yinchuan-model',
        role: 'primary',
        amount: '3000000.00',
        reason_code: 'CROSS_PROGRAM_SUPERSEDES',
      },
    ]);

    // Art. 9 first: art. 14 (the lower) is refused with its reason and nothing is written.
    const b = await enterprise('ningxia-yinchuan');
    expect((await issued(b, await apply(b, 'yinchuan-model', 'YC-2', line, facts))).voucher.faceValue).toBe(
      '3000000.00',
    );
    const lower = await apply(b, 'yinchuan-talent', 'YC-2', line, facts);
    expect(await settled(b.session, lower, ['refused'])).toMatchObject({
      refusalCode: 'SPENDING_FUNDED_MORE_FAVOURABLY',
      voucher: null,
    });
    const held = await db.query(
      `SELECT program_code, face_value::text, status FROM vouchers WHERE enterprise_id = $1`,
      [b.id],
    );
    expect(held).toEqual([{ program_code: 'yinchuan-model', face_value: '3000000.00', status: 'active' }]);
  });

  it('the same contract is never presented twice to one program, nor by another enterprise', async () => {
    const e = await enterprise('zhejiang-hangzhou');
    const other = await enterprise('zhejiang-hangzhou');
    const line = [{ serviceKind: 'model_service', amount: '100000.00' }];
    await apply(e, 'zhejiang-model', 'ZJ-1', line);
    const body = {
      programCode: 'zhejiang-model',
      supplierId,
      contractNumber: 'ZJ-1',
      signedOn: '2025-06-01',
      startDate: '2025-06-01',
      endDate: '2025-11-30',
      applicationDomain: 'other',
      lines: line,
    };
    expect((await e.session.post('/applications', body)).status).toBe(409);
    expect(
      (await other.session.post('/applications', { ...body, programCode: 'hangzhou-compute' })).status,
    ).toBe(409);
    const bad = await e.session.post('/applications', {
      ...body,
      contractNumber: 'ZJ-2',
      lines: [{ serviceKind: 'model_service', amount: '1.00', domestic: 'yes', invoiceNumber: '' }],
      applicantCategories: ['Not A Code'],
      projectFacts: [{ fact: '1x', value: '-3' }],
      declaredOtherSupport: [{ programName: '', amount: 'many', status: 'maybe' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((x: { field: string }) => x.field).sort()).toEqual(
      [
        'applicantCategories',
        'declaredOtherSupport.0.amount',
        'declaredOtherSupport.0.programName',
        'declaredOtherSupport.0.status',
        'lines.0.domestic',
        'lines.0.invoiceNumber',
        'projectFacts.0.fact',
        'projectFacts.0.value',
      ].sort(),
    );
  });
});
