/**
 * The living demo (ADR 0044): a Beijing program year played through the running API and worker, as its
 * users would play it, so the first screen each role opens shows the product at work. `npm start` runs it
 * (outside production) once the API answers; it is idempotent — a year already played is left alone.
 *
 * The year ends on DEMO_BUSINESS_DATE (2025-10-09, the first working day after National Day): the Q2 run
 * is paid, the Q3 run (run date 2025-09-30) has gathered its claims and awaits finance's approval, and
 * applications stand in every state a reviewer meets.
 */

/** Where the sandbox clock is left: inside the plan, after the Q3 run date, before the Nov 15 cutoff. */
export const DEMO_BUSINESS_DATE = '2025-10-09';
/** The password of every demo user (seeded by `seed --demo`, never in production). */
export const DEMO_YEAR_PASSWORD = 'demo-password-2025';
const PROGRAM = 'beijing-ai-compute-2023';

type Json = Record<string, unknown> & { items?: Json[] };
interface Session {
  email: string;
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_YEAR_PASSWORD }),
  });
  if (!res.ok) throw new Error(`demo: sign-in of ${email} answered ${res.status}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return {
    email,
    async call(method, url, body) {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let parsed: Json = {};
      try {
        parsed = text ? (JSON.parse(text) as Json) : {};
      } catch {
        parsed = { text };
      }
      return { status: r.status, body: parsed };
    },
  };
}

/** The call must answer one of `ok`; otherwise the demo stops and says what the API answered. */
async function must(
  s: Session,
  method: string,
  url: string,
  body?: unknown,
  ok: number[] = [200, 201],
): Promise<Json> {
  const res = await s.call(method, url, body);
  if (!ok.includes(res.status))
    throw new Error(`demo: ${s.email} ${method} ${url} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 90): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`demo: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Demo enterprises added through the admin's register, each with its filing clerk. */
const MORE_ENTERPRISES = [
  {
    key: 'shentong',
    name: '北京深瞳视觉科技有限公司',
    code: '91110108MA01DMX004',
    industry: 'software_information_services',
  },
  {
    key: 'yunhe',
    name: '北京云禾农业智能有限公司',
    code: '91110112MA01DMX005',
    industry: 'software_information_services',
  },
  {
    key: 'qingyu',
    name: '北京清语智能语音有限公司',
    code: '91110105MA01DMX006',
    industry: 'software_information_services',
  },
  { key: 'hangxin', name: '北京航芯智造科技有限公司', code: '91110302MA01DMX007', industry: 'manufacturing' },
  {
    key: 'zhixing',
    name: '北京智行自动驾驶科技有限公司',
    code: '91110108MA01DMX008',
    industry: 'software_information_services',
  },
];

export interface DemoYearResult {
  seeded: boolean;
  businessDate: string;
}

/**
 * Plays the demo year against the API at `base` (the demo users of `seed --demo` must exist). Returns
 * seeded: false when the year was already played (the first demo company has applications).
 */
export async function seedDemoYear(
  base: string,
  log: (m: string) => void = () => {},
): Promise<DemoYearResult> {
  const admin = await signIn(base, 'admin@bureau.example.cn');
  const zhiyuan = await signIn(base, 'ops@zhiyuan-med.example.cn');
  const already = await must(zhiyuan, 'GET', '/applications?pageSize=1');
  if ((already.items?.length ?? 0) > 0) {
    log('demo year already seeded; left as it is');
    return { seeded: false, businessDate: DEMO_BUSINESS_DATE };
  }
  const setDate = (businessDate: string) => must(admin, 'PUT', '/admin/clock', { businessDate });

  // --- The register: more companies and their clerks, a second finance officer (starter ≠ approver).
  const enterprises = (await must(admin, 'GET', '/admin/enterprises?pageSize=200')).items ?? [];
  const idOf = new Map(enterprises.map((e) => [e.creditCode as string, e.id as string]));
  for (const e of MORE_ENTERPRISES) {
    if (!idOf.has(e.code)) {
      const made = await must(admin, 'POST', '/admin/enterprises', {
        name: e.name,
        creditCode: e.code,
        registrationRegion: 'beijing',
        independentLegalPerson: true,
        industry: e.industry,
        aiDirectionAligned: true,
        soundFinancialManagement: true,
        lastDishonestyRecordDate: null,
        receivesOtherMunicipalComputeSubsidy: false,
        contactEmail: `finance@${e.key}.example.cn`,
      });
      idOf.set(e.code, made.id as string);
    }
  }
  const users = (await must(admin, 'GET', '/admin/users?pageSize=200')).items ?? [];
  const haveUser = new Set(users.map((u) => u.email as string));
  const addUser = async (u: Record<string, unknown>) => {
    if (!haveUser.has(u.email as string))
      await must(admin, 'POST', '/admin/users', { password: DEMO_YEAR_PASSWORD, ...u });
  };
  for (const e of MORE_ENTERPRISES)
    await addUser({
      email: `ops@${e.key}.example.cn`,
      displayName: `${e.name.slice(2, 6)} 申报专员`,
      role: 'enterprise',
      enterpriseId: idOf.get(e.code),
    });
  await addUser({
    email: 'ops@yuanhang-data.example.cn',
    displayName: '远航数据 申报专员',
    role: 'enterprise',
    enterpriseId: idOf.get('91120116MA01DEMO03'),
  });
  await addUser({ email: 'finance2@bureau.example.cn', displayName: '财务 周婷', role: 'finance' });

  const suppliers = (await must(admin, 'GET', '/catalog/suppliers')) as unknown as {
    id: string;
    code: string;
  }[];
  const supplierId = (code: string) => {
    const s = suppliers.find((x) => x.code === code);
    if (!s) throw new Error(`demo: no supplier ${code}`);
    return s.id;
  };
  const reviewer1 = await signIn(base, 'reviewer1@bureau.example.cn');
  const reviewer2 = await signIn(base, 'reviewer2@bureau.example.cn');
  const senior1 = await signIn(base, 'senior1@bureau.example.cn');
  const finance = await signIn(base, 'finance@bureau.example.cn');
  const finance2 = await signIn(base, 'finance2@bureau.example.cn');
  const baidu = await signIn(base, 'settlement@baidu.example.cn');
  const alibaba = await signIn(base, 'settlement@alibaba-cloud.example.cn');
  const jinggong = await signIn(base, 'ops@jinggong-robot.example.cn');
  const clerk = (key: string) => signIn(base, `ops@${key}.example.cn`);

  const apply = async (who: Session, c: Record<string, unknown>) =>
    (
      await must(who, 'POST', '/applications', {
        programCode: PROGRAM,
        applicationDomain: 'medical',
        ...c,
        lines: [{ serviceKind: 'intelligent_compute', amount: c.amount }],
        amount: undefined,
      })
    ).id as string;
  const statusOf = async (who: Session, id: string) =>
    (await must(who, 'GET', `/applications/${id}`)).status as string;
  const reached = (who: Session, id: string, statuses: string[]) =>
    until(`application ${id} to be ${statuses.join('/')}`, async () => {
      const detail = await must(who, 'GET', `/applications/${id}`);
      return statuses.includes(detail.status as string) ? detail : undefined;
    });
  const openTask = (who: Session, applicationId: string, kind: string, notId?: string) =>
    until(`the ${kind} task of ${applicationId}`, async () => {
      const page = await must(who, 'GET', `/review-tasks?kind=${kind}&pageSize=200`);
      return (page.items ?? []).find((t) => t.applicationId === applicationId && t.id !== notId) as
        Json | undefined;
    });
  const decide = async (
    who: Session,
    applicationId: string,
    kind: string,
    decision: Json,
    notId?: string,
  ) => {
    const task = await openTask(who, applicationId, kind, notId);
    await must(who, 'POST', `/review-tasks/${task.id as string}/claim`);
    await must(who, 'POST', `/review-tasks/${task.id as string}/decision`, decision);
    return task.id as string;
  };
  const issue = async (who: Session, id: string, second: boolean) => {
    await reached(who, id, ['in_review']);
    await decide(reviewer1, id, 'review', { decision: 'approve' });
    if (second) {
      await reached(who, id, ['awaiting_second_approval']);
      await decide(senior1, id, 'second_approval', { decision: 'approve' });
    }
    return reached(who, id, ['issued']);
  };

  // --- March: two vouchers issued (one above the second-approval threshold).
  log('demo: March — applications and vouchers');
  await setDate('2025-03-03');
  const a1 = await apply(zhiyuan, {
    supplierId: supplierId('baidu'),
    contractNumber: 'BD-HT-2025-0101',
    signedOn: '2025-02-20',
    startDate: '2025-03-01',
    endDate: '2026-02-28',
    amount: '5000000.00',
  });
  const a1Detail = await issue(zhiyuan, a1, true);
  const b1 = await apply(jinggong, {
    supplierId: supplierId('alibaba-cloud'),
    contractNumber: 'ALY-HT-2025-0202',
    applicationDomain: 'industry',
    signedOn: '2025-02-25',
    startDate: '2025-03-01',
    endDate: '2025-12-31',
    amount: '2000000.00',
  });
  const b1Detail = await issue(jinggong, b1, false);
  const contractOf = (d: Json) => (d.contract as { id: string }).id;

  // --- May: suppliers confirm delivered parts; the companies claim (Q2 run).
  log('demo: May — settlements and claims for the Q2 run');
  await setDate('2025-05-08');
  // A delivered part of `detail`'s contract over `period` ([start, end]), confirmed by its supplier with
  // the invoice ([number, date]).
  const settle = (who: Session, detail: Json, period: string[], amount: string, invoice: string[]) =>
    must(who, 'POST', `/supplier/contracts/${contractOf(detail)}/settlements`, {
      periodStart: period[0],
      periodEnd: period[1],
      amount,
      invoiceNumber: invoice[0],
      invoiceDate: invoice[1],
    });
  const claim = (who: Session, s: Json) =>
    must(who, 'POST', '/claims', {
      settlementId: s.id,
      invoiceNumber: s.invoiceNumber,
      invoicedAmount: s.amount,
    });
  const marchApril = ['2025-03-01', '2025-04-30'];
  const sA1 = await settle(baidu, a1Detail, marchApril, '1000000.00', ['BD-2025-0501', '2025-05-06']);
  const sB1 = await settle(alibaba, b1Detail, marchApril, '600000.00', ['ALY-2025-0502', '2025-05-07']);
  await claim(zhiyuan, sA1);
  await claim(jinggong, sB1);

  // --- June 30: finance starts the Q2 run, a colleague approves it, it is paid.
  log('demo: June 30 — the Q2 run, approved and paid');
  await setDate('2025-06-30');
  const runOf = (year: number, quarter: number, status: string) =>
    until(`run ${year} Q${quarter} to be ${status}`, async () => {
      const list = await must(finance, 'GET', '/redemption-runs?pageSize=50');
      const r = (list.items ?? []).find((x) => x.year === year && x.quarter === quarter);
      return r?.status === status ? r : undefined;
    });
  await must(finance, 'POST', '/redemption-runs', { programCode: PROGRAM, year: 2025, quarter: 2 });
  const q2 = await runOf(2025, 2, 'awaiting_approval');
  await must(finance2, 'POST', `/redemption-runs/${q2.id as string}/approve`);
  await runOf(2025, 2, 'completed');

  // --- September: more deliveries and claims (Q3 run); the run gathers on its run date, awaiting approval.
  log('demo: September — the Q3 run, awaiting approval');
  await setDate('2025-09-08');
  const mayToAugust = ['2025-05-01', '2025-08-31'];
  const sA2 = await settle(baidu, a1Detail, mayToAugust, '1600000.00', ['BD-2025-0901', '2025-09-03']);
  const sB2 = await settle(alibaba, b1Detail, mayToAugust, '800000.00', ['ALY-2025-0902', '2025-09-04']);
  await claim(zhiyuan, sA2);
  await claim(jinggong, sB2);
  await setDate('2025-09-30');
  await must(finance, 'POST', '/redemption-runs', { programCode: PROGRAM, year: 2025, quarter: 3 });
  await runOf(2025, 3, 'awaiting_approval');

  // --- October 9 (today in the demo): a delivered part waiting to be claimed, one claimed for Q4, and
  // applications in every state a reviewer meets.
  log('demo: October — applications in every state');
  await setDate(DEMO_BUSINESS_DATE);
  const september = ['2025-09-01', '2025-09-30'];
  const sA3 = await settle(baidu, a1Detail, september, '400000.00', ['BD-2025-1001', '2025-10-09']);
  await claim(zhiyuan, sA3);
  await settle(alibaba, b1Detail, september, '200000.00', ['ALY-2025-1002', '2025-10-09']);

  const contract = (n: string, supplier: string, amount: string, domain = 'medical') => ({
    supplierId: supplierId(supplier),
    contractNumber: n,
    applicationDomain: domain,
    signedOn: '2025-09-20',
    startDate: '2025-10-01',
    endDate: '2026-09-30',
    amount,
  });
  // In the unassigned queue (submitted, checks passed, no reviewer yet).
  const shentong = await clerk('shentong');
  const waiting = await apply(shentong, contract('HW-HT-2025-0301', 'baidu', '1800000.00'));
  await reached(shentong, waiting, ['in_review']);
  const waiting2 = await apply(
    jinggong,
    contract('KS-HT-2025-0308', 'kingsoft-cloud', '1500000.00', 'industry'),
  );
  await reached(jinggong, waiting2, ['in_review']);
  // Claimed by a reviewer, being reviewed.
  const yunhe = await clerk('yunhe');
  const claimed = await apply(yunhe, contract('ALY-HT-2025-0302', 'alibaba-cloud', '900000.00', 'industry'));
  await reached(yunhe, claimed, ['in_review']);
  const claimedTask = await openTask(reviewer2, claimed, 'review');
  await must(reviewer2, 'POST', `/review-tasks/${claimedTask.id as string}/claim`);
  // Stopped by a first review: `reviewer` decides once, the application stops at `reaches`.
  const firstReview = async (
    who: Session,
    c: Record<string, unknown>,
    reviewer: Session,
    decision: Json,
    reaches: string,
  ) => {
    const id = await apply(who, c);
    await reached(who, id, ['in_review']);
    await decide(reviewer, id, 'review', decision);
    await reached(who, id, [reaches]);
  };
  // Sent back for a supplement.
  const qingyu = await clerk('qingyu');
  const supplement = contract('BD-HT-2025-0303', 'baidu', '1200000.00');
  const askSupplement = { decision: 'request_supplement', reason: '请补充算力交付方案及合同附件' };
  await firstReview(qingyu, supplement, reviewer1, askSupplement, 'supplement_requested');
  // Approved once, above the threshold: waiting for a senior reviewer's second approval.
  const hangxin = await clerk('hangxin');
  const second = contract('ALY-HT-2025-0304', 'alibaba-cloud', '12000000.00', 'industry');
  await firstReview(hangxin, second, reviewer1, { decision: 'approve' }, 'awaiting_second_approval');
  // Rejected by the reviewer, with the reason.
  const zhixing = await clerk('zhixing');
  const rejected = contract('BD-HT-2025-0305', 'baidu', '600000.00', 'transport');
  const reject = { decision: 'reject', reason: '合同约定的服务内容与人工智能应用方向不符' };
  await firstReview(zhixing, rejected, reviewer2, reject, 'rejected');
  // Refused by the automated checks (registered outside Beijing, dishonesty record).
  const yuanhang = await clerk('yuanhang-data');
  const refused = await apply(yuanhang, contract('BD-HT-2025-0306', 'baidu', '700000.00'));
  await reached(yuanhang, refused, ['refused']);
  // Issued, then withdrawn by the bureau (a false declaration found afterwards).
  const withdrawnApp = await apply(zhixing, {
    ...contract('ALY-HT-2025-0307', 'alibaba-cloud', '500000.00'),
    signedOn: '2025-04-10',
    startDate: '2025-04-15',
    endDate: '2025-12-31',
  });
  const withdrawnDetail = await issue(zhixing, withdrawnApp, false);
  await must(admin, 'POST', `/admin/vouchers/${(withdrawnDetail.voucher as { id: string }).id}/withdraw`, {
    reason: '核查发现申报材料不实，依规收回',
  });
  await until('the withdrawn voucher', async () =>
    ((await must(zhixing, 'GET', `/applications/${withdrawnApp}`)).voucher as { status?: string })?.status ===
    'withdrawn'
      ? true
      : undefined,
  );
  log(`demo: year seeded; the sandbox clock reads ${DEMO_BUSINESS_DATE} (${await statusOf(zhiyuan, a1)})`);
  return { seeded: true, businessDate: DEMO_BUSINESS_DATE };
}

async function main() {
  const base = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const result = await seedDemoYear(base, (m) => console.log(`[demo] ${m}`));
  if (!result.seeded) console.log('[demo] nothing to do');
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
