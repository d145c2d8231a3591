import type { DataSource } from 'typeorm';
import type { ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

/**
 * Every program of seeds 002, 003 and 004 run as data through the HTTP API on the real worker, Temporal
 * dev server and PostgreSQL: for each, an ordinary case, a cap or pool reached, and a refusal with its
 * reason, the face value asserted to the fen. The table is the whole test: one row, one application (or,
 * for Taizhou Jiangyan, one settlement) by a fresh enterprise unless the row names an earlier one.
 */

type Line = { serviceKind: string; amount: string; domestic?: boolean; invoiceNumber?: string };

interface Row {
  program: string;
  name: string;
  region: string;
  lines: Line[];
  /** The face value issued, or the refusal code. */
  expect: { face: string; validUntil?: string } | { refused: string };
  categories?: string[];
  facts?: Record<string, string>;
  /** Reuse the enterprise of an earlier row (its label). */
  sameEnterpriseAs?: string;
  label?: string;
  signedOn?: string;
  /** Earlier applications (outside this test) have used the pool down to this much room. */
  poolRoomBefore?: string;
}

const DATE = '2025-05-20';
let inv = 0;
const invoice = () => `INV-${++inv}`;
const ic = (amount: string, extra: Partial<Line> = {}): Line => ({
  serviceKind: 'intelligent_compute',
  amount,
  ...extra,
});
const k = (serviceKind: string, amount: string, extra: Partial<Line> = {}): Line => ({
  serviceKind,
  amount,
  ...extra,
});

const ROWS: Row[] = [
  // 成都 2025: 50%, ≥ 10,000.00, ≤ 1,000,000.00 a year, pool 10,000,000.00
  {
    program: 'chengdu-compute-2025',
    name: 'ordinary 50%',
    region: 'chengdu',
    lines: [ic('300000.03')],
    expect: { face: '150000.01' },
  },
  {
    program: 'chengdu-compute-2025',
    name: 'yearly cap',
    region: 'chengdu-gaoxin',
    lines: [ic('2500000.00')],
    expect: { face: '1000000.00' },
  },
  {
    program: 'chengdu-compute-2025',
    name: 'below the 10,000.00 minimum',
    region: 'chengdu',
    lines: [ic('19999.99')],
    expect: { refused: 'FACE_VALUE_BELOW_MINIMUM' },
  },
  {
    program: 'chengdu-compute-2025',
    name: 'exactly the minimum',
    region: 'chengdu',
    lines: [ic('20000.00')],
    expect: { face: '10000.00' },
  },
  {
    program: 'chengdu-compute-2025',
    name: 'pool: 50,000.00 left',
    region: 'chengdu',
    lines: [ic('400000.00')],
    poolRoomBefore: '50000.00',
    expect: { face: '50000.00' },
  },
  {
    program: 'chengdu-compute-2025',
    name: 'pool used up',
    region: 'chengdu',
    lines: [ic('400000.00')],
    expect: { refused: 'BUDGET_POOL_EXHAUSTED' },
  },
  // 北京经开区 算力券: 30% of settled fees, ≤ 20,000,000.00
  {
    program: 'beijing-etown-compute',
    name: 'ordinary 30% of the invoice',
    region: 'beijing-etown',
    lines: [ic('1000000.05', { invoiceNumber: invoice() })],
    expect: { face: '300000.01' },
  },
  {
    program: 'beijing-etown-compute',
    name: 'cap 20,000,000.00',
    region: 'beijing-etown',
    lines: [ic('70000000.00', { invoiceNumber: invoice() })],
    expect: { face: '20000000.00' },
  },
  {
    program: 'beijing-etown-compute',
    name: 'no invoice: not settled',
    region: 'beijing-etown',
    lines: [ic('1000000.00')],
    expect: { refused: 'INVOICE_EVIDENCE_MISSING' },
  },
  // 北京经开区 模型券: 50% of the completed model contract, ≤ 5,000,000.00
  {
    program: 'beijing-etown-model',
    name: 'ordinary 50%',
    region: 'beijing-etown',
    lines: [k('model_service', '3000000.01', { invoiceNumber: invoice() })],
    expect: { face: '1500000.00' },
  },
  {
    program: 'beijing-etown-model',
    name: 'cap 5,000,000.00',
    region: 'beijing-etown',
    lines: [k('model_service', '12000000.00', { invoiceNumber: invoice() })],
    expect: { face: '5000000.00' },
  },
  {
    program: 'beijing-etown-model',
    name: 'no model service',
    region: 'beijing-etown',
    lines: [ic('1000000.00', { invoiceNumber: invoice() })],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 山东: 5% of the contract, ≤ 5,000,000.00
  {
    program: 'shandong-compute',
    name: 'ordinary 5%',
    region: 'shandong-jinan',
    lines: [ic('2000000.19')],
    expect: { face: '100000.00' },
  },
  {
    program: 'shandong-compute',
    name: 'cap 5,000,000.00',
    region: 'shandong',
    lines: [ic('120000000.00')],
    expect: { face: '5000000.00' },
  },
  {
    program: 'shandong-compute',
    name: 'registered outside Shandong',
    region: 'beijing',
    lines: [ic('1000000.00')],
    expect: { refused: 'ENTERPRISE_NOT_REGISTERED_IN_REGION' },
  },
  // 青岛: ≤ 20% of paid fees, ≤ 1,000,000.00, pool 20,000,000.00
  {
    program: 'qingdao-compute',
    name: 'ordinary 20%',
    region: 'shandong-qingdao',
    lines: [ic('333333.33', { invoiceNumber: invoice() })],
    expect: { face: '66666.66' },
  },
  {
    program: 'qingdao-compute',
    name: 'cap 1,000,000.00',
    region: 'shandong-qingdao',
    lines: [ic('6000000.00', { invoiceNumber: invoice() })],
    expect: { face: '1000000.00' },
  },
  {
    program: 'qingdao-compute',
    name: 'pool: 12,345.67 left',
    region: 'shandong-qingdao',
    lines: [ic('100000.00', { invoiceNumber: invoice() })],
    poolRoomBefore: '12345.67',
    expect: { face: '12345.67' },
  },
  {
    program: 'qingdao-compute',
    name: 'pool used up',
    region: 'shandong-qingdao',
    lines: [ic('100000.00', { invoiceNumber: invoice() })],
    expect: { refused: 'BUDGET_POOL_EXHAUSTED' },
  },
  // 东莞: ≤ 50%, ≤ 1,000,000.00 a year, 50,000,000.00
  {
    program: 'dongguan-compute',
    name: 'ordinary 50%',
    region: 'guangdong-dongguan',
    lines: [ic('150000.01')],
    expect: { face: '75000.00' },
  },
  {
    program: 'dongguan-compute',
    name: 'cap 1,000,000.00 a year',
    region: 'guangdong-dongguan',
    label: 'dg',
    lines: [ic('3000000.00')],
    expect: { face: '1000000.00' },
  },
  {
    program: 'dongguan-compute',
    name: 'nothing left this year',
    region: 'guangdong-dongguan',
    sameEnterpriseAs: 'dg',
    lines: [ic('10000.00')],
    expect: { refused: 'YEARLY_CAP_EXHAUSTED' },
  },
  // 南宁: 30% of settled, ≤ 2,000,000.00 a year, 50,000,000.00 a year
  {
    program: 'nanning-compute',
    name: 'ordinary 30%',
    region: 'guangxi-nanning',
    lines: [ic('1234567.89', { invoiceNumber: invoice() })],
    expect: { face: '370370.36' },
  },
  {
    program: 'nanning-compute',
    name: 'cap 2,000,000.00',
    region: 'guangxi-nanning',
    lines: [ic('10000000.00', { invoiceNumber: invoice() })],
    expect: { face: '2000000.00' },
  },
  {
    program: 'nanning-compute',
    name: 'no invoice',
    region: 'guangxi-nanning',
    lines: [ic('10000.00')],
    expect: { refused: 'INVOICE_EVIDENCE_MISSING' },
  },
  // 芜湖 算力券: 25%, ≤ 20,000,000.00 a year, 100,000,000.00
  {
    program: 'wuhu-compute',
    name: 'ordinary 25%',
    region: 'anhui-wuhu',
    lines: [ic('4000000.04')],
    expect: { face: '1000000.01' },
  },
  {
    program: 'wuhu-compute',
    name: 'cap 20,000,000.00',
    region: 'anhui-wuhu',
    lines: [ic('100000000.00')],
    expect: { face: '20000000.00' },
  },
  {
    program: 'wuhu-compute',
    name: 'signed before the plan',
    region: 'anhui-wuhu',
    signedOn: '2025-03-01',
    lines: [ic('100000.00')],
    expect: { refused: 'CONTRACT_SIGNED_BEFORE_WINDOW' },
  },
  // 芜湖 数据券: 12/10/8% data products, 22/20/15% services by level, ≤ 500,000.00
  {
    program: 'wuhu-data',
    name: 'provincial big-data enterprise',
    region: 'anhui-wuhu',
    categories: ['bigdata-provincial'],
    lines: [k('data_product', '100000.00'), k('data_service', '100000.00')],
    expect: { face: '34000.00' },
  },
  {
    program: 'wuhu-data',
    name: 'municipal big-data enterprise',
    region: 'anhui-wuhu',
    categories: ['bigdata-municipal'],
    lines: [k('data_product', '55555.55'), k('data_service', '10000.00')],
    expect: { face: '7555.55' },
  },
  {
    program: 'wuhu-data',
    name: 'other enterprise, cap 500,000.00',
    region: 'anhui-wuhu',
    lines: [k('data_product', '3000000.00'), k('data_service', '3000000.00')],
    expect: { face: '500000.00' },
  },
  {
    program: 'wuhu-data',
    name: 'compute is not a data purchase',
    region: 'anhui-wuhu',
    lines: [ic('100000.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 贵州 现金券: three lines of support with their own yearly caps; 6 months; never with a physical voucher
  {
    program: 'guizhou-compute',
    name: 'deal 3%, valid 6 months',
    region: 'guizhou-guiyang',
    lines: [ic('1000000.00')],
    expect: { face: '30000.00', validUntil: '2025-11-19' },
  },
  {
    program: 'guizhou-compute',
    name: 'adaptation cap 1,500,000.00 + training 30%',
    region: 'guizhou',
    lines: [k('compute_adaptation', '6000000.00', { domestic: true }), k('model_training', '1000000.00')],
    expect: { face: '1800000.00' },
  },
  {
    program: 'guizhou-physical',
    name: 'physical voucher for platform goods',
    region: 'guizhou',
    label: 'gz-physical',
    lines: [k('platform_goods', '2000.00')],
    expect: { face: '2000.00' },
  },
  {
    program: 'guizhou-compute',
    name: 'not with a physical voucher',
    region: 'guizhou',
    sameEnterpriseAs: 'gz-physical',
    lines: [ic('1000000.00')],
    expect: { refused: 'NOT_COMBINABLE_WITH_OTHER_PROGRAM' },
  },
  {
    program: 'guizhou-compute',
    name: 'training cap 5,000,000.00 a year',
    region: 'guizhou',
    label: 'gz-train',
    lines: [k('model_training', '20000000.00')],
    expect: { face: '5000000.00' },
  },
  {
    program: 'guizhou-compute',
    name: 'training line used up',
    region: 'guizhou',
    sameEnterpriseAs: 'gz-train',
    lines: [k('model_training', '10000.00')],
    expect: { refused: 'SUPPORT_LINE_CAP_EXHAUSTED' },
  },
  {
    program: 'guizhou-physical',
    name: 'not with a cash voucher',
    region: 'guizhou',
    sameEnterpriseAs: 'gz-train',
    lines: [k('platform_goods', '500.00')],
    expect: { refused: 'NOT_COMBINABLE_WITH_OTHER_PROGRAM' },
  },
  {
    program: 'guizhou-physical',
    name: 'goods only',
    region: 'guizhou',
    lines: [ic('500.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 廊坊: 50% of compute fees, ≤ 1,000,000.00 a year, 10,000,000.00
  {
    program: 'langfang-compute',
    name: 'ordinary 50%',
    region: 'hebei-langfang',
    lines: [ic('200000.01')],
    expect: { face: '100000.00' },
  },
  {
    program: 'langfang-compute',
    name: 'cap 1,000,000.00',
    region: 'hebei-langfang',
    lines: [ic('5000000.00')],
    expect: { face: '1000000.00' },
  },
  {
    program: 'langfang-compute',
    name: 'storage only',
    region: 'hebei-langfang',
    lines: [k('storage', '100000.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 杭州 市级算力券: 30% domestic or model services, 20% other; ≤ 8,000,000.00 a year (stacked); 250,000,000.00
  {
    program: 'hangzhou-compute',
    name: 'domestic 30%, other 20%, model 30%',
    region: 'zhejiang-hangzhou',
    lines: [
      ic('1000000.00', { domestic: true }),
      ic('1000000.00', { domestic: false }),
      k('model_service', '100000.00'),
    ],
    expect: { face: '530000.00' },
  },
  {
    program: 'hangzhou-compute',
    name: 'cap 8,000,000.00',
    region: 'zhejiang-hangzhou',
    label: 'hz-cap',
    lines: [ic('40000000.00', { domestic: true })],
    expect: { face: '8000000.00' },
  },
  {
    program: 'hangzhou-compute',
    name: 'registered in Ningbo',
    region: 'zhejiang-ningbo',
    lines: [ic('100000.00')],
    expect: { refused: 'ENTERPRISE_NOT_REGISTERED_IN_REGION' },
  },
  // 杭州 智能券: 30% / 10% compute, 30% model and data; the 8,000,000.00 is shared (stacked)
  {
    program: 'hangzhou-smart',
    name: 'data 30%, other compute 10%',
    region: 'zhejiang-hangzhou',
    lines: [k('data_product', '100000.00'), ic('100000.00')],
    expect: { face: '40000.00' },
  },
  {
    program: 'hangzhou-smart',
    name: 'the shared 8,000,000.00 is used up',
    region: 'zhejiang-hangzhou',
    sameEnterpriseAs: 'hz-cap',
    lines: [k('data_service', '100000.00')],
    expect: { refused: 'YEARLY_CAP_EXHAUSTED' },
  },
  {
    program: 'hangzhou-smart',
    name: 'storage only',
    region: 'zhejiang-hangzhou',
    lines: [k('storage', '100000.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 浙江: 30% domestic, 10% other (≤ 8,000,000.00); 语料券 30% (≤ 2,000,000.00); 模型券 30% (≤ 5,000,000.00)
  {
    program: 'zhejiang-compute',
    name: 'domestic 30%, other 10%',
    region: 'zhejiang-hangzhou',
    lines: [ic('1000000.00', { domestic: true }), ic('1000000.00')],
    expect: { face: '400000.00' },
  },
  {
    program: 'zhejiang-compute',
    name: 'cap 8,000,000.00',
    region: 'zhejiang',
    lines: [ic('30000000.00', { domestic: true })],
    expect: { face: '8000000.00' },
  },
  {
    program: 'zhejiang-compute',
    name: 'registered in Jiangsu',
    region: 'jiangsu',
    lines: [ic('100000.00')],
    expect: { refused: 'ENTERPRISE_NOT_REGISTERED_IN_REGION' },
  },
  {
    program: 'zhejiang-corpus',
    name: 'ordinary 30%',
    region: 'zhejiang',
    lines: [k('corpus', '100000.03')],
    expect: { face: '30000.00' },
  },
  {
    program: 'zhejiang-corpus',
    name: 'cap 2,000,000.00',
    region: 'zhejiang',
    lines: [k('corpus', '10000000.00')],
    expect: { face: '2000000.00' },
  },
  {
    program: 'zhejiang-corpus',
    name: 'no corpus purchase',
    region: 'zhejiang',
    lines: [ic('100000.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  {
    program: 'zhejiang-model',
    name: 'ordinary 30%',
    region: 'zhejiang',
    lines: [k('model_service', '500000.00')],
    expect: { face: '150000.00' },
  },
  {
    program: 'zhejiang-model',
    name: 'cap 5,000,000.00',
    region: 'zhejiang',
    lines: [k('model_service', '20000000.00')],
    expect: { face: '5000000.00' },
  },
  {
    program: 'zhejiang-model',
    name: 'no model service',
    region: 'zhejiang',
    lines: [k('corpus', '100000.00')],
    expect: { refused: 'CONTRACT_NO_ELIGIBLE_SERVICE' },
  },
  // 深圳 训力券: ≤ 50%, startups 60%, ≤ 10,000,000.00, 500,000,000.00 a year
  {
    program: 'shenzhen-training',
    name: 'ordinary 50%',
    region: 'guangdong-shenzhen',
    lines: [ic('1000000.00')],
    expect: { face: '500000.00' },
  },
  {
    program: 'shenzhen-training',
    name: 'a startup: 60%',
    region: 'guangdong-shenzhen',
    categories: ['startup'],
    lines: [k('model_training', '1000000.00')],
    expect: { face: '600000.00' },
  },
  {
    program: 'shenzhen-training',
    name: 'cap 10,000,000.00',
    region: 'guangdong-shenzhen',
    lines: [ic('30000000.00')],
    expect: { face: '10000000.00' },
  },
  {
    program: 'shenzhen-training',
    name: 'registered in Guangzhou',
    region: 'guangdong-guangzhou',
    lines: [ic('100000.00')],
    expect: { refused: 'ENTERPRISE_NOT_REGISTERED_IN_REGION' },
  },
  // 深圳 模型券: 30% of the model purchase, ≤ 1,000,000.00 normally, ≤ 2,000,000.00
  {
    program: 'shenzhen-model',
    name: 'ordinary 30%',
    region: 'guangdong-shenzhen',
    lines: [k('model_service', '1000000.00')],
    expect: { face: '300000.00' },
  },
  {
    program: 'shenzhen-model',
    name: 'normal cap 1,000,000.00',
    region: 'guangdong-shenzhen',
    label: 'sz-model',
    lines: [k('model_service', '10000000.00')],
    expect: { face: '1000000.00' },
  },
  {
    program: 'shenzhen-model',
    name: 'the 2,000,000.00 ceiling',
    region: 'guangdong-shenzhen',
    categories: ['model-voucher-ceiling'],
    lines: [k('model_service', '10000000.00')],
    expect: { face: '2000000.00' },
  },
  {
    program: 'shenzhen-model',
    name: 'nothing left this year',
    region: 'guangdong-shenzhen',
    sameEnterpriseAs: 'sz-model',
    lines: [k('model_service', '10000.00')],
    expect: { refused: 'YEARLY_CAP_EXHAUSTED' },
  },
  // 银川 第九条: ≥ 10 billion parameters and ≥ 5 scenarios, 30%, ≤ 5,000,000.00
  {
    program: 'yinchuan-model',
    name: 'ordinary 30%',
    region: 'ningxia-yinchuan',
    facts: { modelParameters: '13000000000', applicationScenarios: '6' },
    lines: [ic('2000000.00')],
    expect: { face: '600000.00' },
  },
  {
    program: 'yinchuan-model',
    name: 'cap 5,000,000.00',
    region: 'ningxia-yinchuan',
    facts: { modelParameters: '10000000000', applicationScenarios: '5' },
    lines: [ic('30000000.00')],
    expect: { face: '5000000.00' },
  },
  {
    program: 'yinchuan-model',
    name: 'four scenarios',
    region: 'ningxia-yinchuan',
    facts: { modelParameters: '70000000000', applicationScenarios: '4' },
    lines: [ic('1000000.00')],
    expect: { refused: 'PROJECT_FACT_BELOW_MINIMUM' },
  },
  // 银川 第十四条: listed talents, 30%, a one-off ≤ 2,000,000.00
  {
    program: 'yinchuan-talent',
    name: 'ordinary 30%',
    region: 'ningxia-yinchuan',
    categories: ['listed-talent'],
    lines: [ic('1000000.00')],
    expect: { face: '300000.00' },
  },
  {
    program: 'yinchuan-talent',
    name: 'one-off cap 2,000,000.00',
    region: 'ningxia-yinchuan',
    categories: ['listed-talent'],
    label: 'yc-talent',
    lines: [ic('10000000.00')],
    expect: { face: '2000000.00' },
  },
  {
    program: 'yinchuan-talent',
    name: 'nothing left of the one-off',
    region: 'ningxia-yinchuan',
    categories: ['listed-talent'],
    sameEnterpriseAs: 'yc-talent',
    lines: [ic('10000.00')],
    expect: { refused: 'CUMULATIVE_CAP_EXHAUSTED' },
  },
  {
    program: 'yinchuan-talent',
    name: 'not a listed talent',
    region: 'ningxia-yinchuan',
    lines: [ic('1000000.00')],
    expect: { refused: 'APPLICANT_CATEGORY_MISSING' },
  },
  // 贵阳贵安智算券: 30% (ADR 0026), pool 20,000,000.00 a year, city and district 1:1
  {
    program: 'guiyang-compute',
    name: 'ordinary 30%',
    region: 'guizhou-guiyang',
    lines: [ic('1000000.01')],
    expect: { face: '300000.00' },
  },
  {
    program: 'guiyang-compute',
    name: 'pool: 100,000.00 left',
    region: 'guizhou-guian',
    lines: [ic('1000000.00')],
    poolRoomBefore: '100000.00',
    expect: { face: '100000.00' },
  },
  {
    program: 'guiyang-compute',
    name: 'pool used up',
    region: 'guizhou-guiyang',
    lines: [ic('1000000.00')],
    expect: { refused: 'BUDGET_POOL_EXHAUSTED' },
  },
];

describe('every seed program as data (real worker, Temporal, PostgreSQL)', () => {
  let stack: E2eStack;
  let db: DataSource;
  let admin: ApiSession;
  let reviewer: ApiSession;
  let supplierId: string;
  const labelled = new Map<string, { id: string; session: ApiSession }>();

  beforeAll(async () => {
    stack = await startE2eStack('seed-programs', { SECOND_APPROVAL_THRESHOLD: '100000000.00' });
    ({ db, admin } = stack);
    await stack.setDate(DATE);
    reviewer = await stack.user('reviewer@seeds.example.cn', 'reviewer');
    const s = await admin.post('/admin/suppliers', {
      code: 'all-kinds-supplier',
      nameZh: '综合算力与数据服务有限公司',
      nameEn: 'All Kinds Compute and Data Services',
      isPartner: false,
      serviceKinds: [
        'intelligent_compute',
        'storage',
        'model_training',
        'compute_adaptation',
        'model_service',
        'data_product',
        'data_service',
        'corpus',
        'platform_goods',
      ],
      contactEmail: 'sales@allkinds.example.cn',
    });
    expect(s.status).toBe(201);
    supplierId = s.body.id;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const enterprise = (region: string) => stack.enterprise(region, 'PRG');
  const settled = (session: ApiSession, id: string, statuses: string[]) =>
    stack.applicationIn(session, id, statuses);
  const approve = (applicationId: string) => stack.approveReview(reviewer, applicationId);

  let contractNo = 0;
  it.each(ROWS.map((r) => [`${r.program}: ${r.name}`, r] as const))('%s', async (_title, row) => {
    const e = row.sameEnterpriseAs ? labelled.get(row.sameEnterpriseAs)! : await enterprise(row.region);
    if (row.label) labelled.set(row.label, e);
    if (row.poolRoomBefore) {
      // Earlier applications (before this test) have committed all but this much of the year's pool.
      const [def] = await db.query(
        `SELECT definition->>'budgetPoolPerYear' AS budget FROM program_versions WHERE program_code = $1`,
        [row.program],
      );
      await db.query(
        `INSERT INTO budget_pools (program_code, period, budget, committed) VALUES ($1, '2025', $2, $2::numeric - $3::numeric)
         ON CONFLICT (program_code, period) DO UPDATE SET committed = budget_pools.budget - $3::numeric`,
        [row.program, def.budget, row.poolRoomBefore],
      );
    }
    contractNo += 1;
    const signedOn = row.signedOn ?? '2025-05-18';
    const res = await e.session.post('/applications', {
      programCode: row.program,
      supplierId,
      contractNumber: `SEED-${contractNo}`,
      signedOn,
      startDate: signedOn,
      endDate: '2025-10-31',
      applicationDomain: 'other',
      lines: row.lines,
      ...(row.categories ? { applicantCategories: row.categories } : {}),
      ...(row.facts
        ? { projectFacts: Object.entries(row.facts).map(([fact, value]) => ({ fact, value })) }
        : {}),
    });
    expect(res.status).toBe(201);
    const checked = await settled(e.session, res.body.id, ['in_review', 'refused']);
    if ('refused' in row.expect && checked.status === 'refused') {
      expect(checked.refusalCode).toBe(row.expect.refused);
      expect(checked.voucher).toBeNull();
      return;
    }
    expect(checked.status).toBe('in_review');
    await approve(res.body.id);
    const done = await settled(e.session, res.body.id, ['issued', 'refused']);
    if ('refused' in row.expect) {
      expect(done).toMatchObject({ status: 'refused', refusalCode: row.expect.refused, voucher: null });
      return;
    }
    expect(done.status).toBe('issued');
    expect(done.voucher.faceValue).toBe(row.expect.face);
    if (row.expect.validUntil) expect(done.voucher.validUntil).toBe(row.expect.validUntil);
    expect(
      done.crossProgram.decisions.every(
        (d: { reason: string }) => d.reason === 'CROSS_PROGRAM_FIRST_FUNDING',
      ),
    ).toBe(true);
  });

  it('the ledgers, pools and funded spending add up to the vouchers issued', async () => {
    // Each issued voucher's spending is recorded once, to the fen.
    const mismatch = await db.query(`
      SELECT v.id FROM vouchers v
        LEFT JOIN funded_spending f ON f.voucher_id = v.id AND f.status = 'active'
       WHERE v.status = 'active'
       GROUP BY v.id, v.face_value HAVING coalesce(sum(f.amount), 0) <> v.face_value`);
    expect(mismatch).toEqual([]);
    // Pools taken at issuance: Guiyang's is used up exactly; Chengdu's has the earlier ones plus ours.
    const pools = await db.query(
      `SELECT program_code, budget::text, committed::text FROM budget_pools WHERE program_code IN ('guiyang-compute','qingdao-compute') ORDER BY 1`,
    );
    expect(pools).toEqual([
      { program_code: 'guiyang-compute', budget: '20000000.00', committed: '20000000.00' },
      { program_code: 'qingdao-compute', budget: '20000000.00', committed: '20000000.00' },
    ]);
    // Guizhou's lines of support each have their own ledger.
    const lines = await db.query(
      `SELECT line, sum(issued)::text AS issued FROM support_line_ledger WHERE program_code = 'guizhou-compute' GROUP BY line ORDER BY line`,
    );
    expect(lines).toEqual([
      { line: 'adaptation', issued: '1500000.00' },
      { line: 'deal', issued: '30000.00' },
      { line: 'model-training', issued: '5300000.00' },
    ]);
  });

  describe('廊坊市 新落地人工智能企业: a one-off 500,000.00 granted on the recorded fact', () => {
    const pdf = Buffer.from('%PDF-1.4 新落地企业登记证明');
    const record = (enterpriseId: string) =>
      admin
        .post('/grants/new-ai-entrants')
        .field('enterpriseId', enterpriseId)
        .field('arrivedOn', DATE)
        .field('reference', '廊坊市招商〔2025〕8号')
        .attach('file', pdf, { filename: '落地证明.pdf', contentType: 'application/pdf' });

    it('granted without an application, approved by finance and paid to the enterprise; it counts on the 1,000,000.00', async () => {
      const finance = await stack.user('finance@seeds.example.cn', 'finance');
      const e = await enterprise('hebei-langfang');
      const first = await record(e.id).expect(201);
      expect(first.body).toMatchObject({
        amount: '500000.00',
        created: true,
        payeeKind: 'enterprise',
        enterpriseId: e.id,
      });
      // Recorded again: once per enterprise (一次性), nothing new.
      expect((await record(e.id).expect(200)).body).toMatchObject({
        id: first.body.id,
        created: false,
        amount: '500000.00',
      });
      await eventually(
        async () => (await finance.post(`/grants/${first.body.id}/approve`)).status === 200,
        'finance approves the entrant grant',
      );
      const paid = await eventually(async () => {
        const g = (await finance.get(`/grants/${first.body.id}`).expect(200)).body;
        return g.status === 'paid' ? g : undefined;
      }, 'the entrant grant paid');
      expect(paid).toMatchObject({ amount: '500000.00', paymentStatus: 'paid', payeeKind: 'enterprise' });
      const [payment] = await db.query(
        `SELECT payee_kind, payee_id, amount::text FROM direct_payments WHERE kind = 'grant' AND source_id = $1`,
        [first.body.id],
      );
      expect(payment).toEqual({ payee_kind: 'enterprise', payee_id: e.id, amount: '500000.00' });
      // The compute voucher the same year: 50% of 5,000,000.00, limited to the 500,000.00 left of the cap.
      const res = await e.session.post('/applications', {
        programCode: 'langfang-compute',
        supplierId,
        contractNumber: 'LF-ENTRANT-1',
        signedOn: '2025-05-18',
        startDate: '2025-05-18',
        endDate: '2025-10-31',
        applicationDomain: 'other',
        lines: [{ serviceKind: 'intelligent_compute', amount: '5000000.00' }],
      });
      expect(res.status).toBe(201);
      await settled(e.session, res.body.id, ['in_review']);
      await approve(res.body.id);
      const done = await settled(e.session, res.body.id, ['issued']);
      expect(done.voucher.faceValue).toBe('500000.00');
      const [ledger] = await db.query(
        `SELECT issued::text FROM yearly_cap_ledger WHERE program_code = 'langfang-compute' AND enterprise_id = $1`,
        [e.id],
      );
      expect(ledger.issued).toBe('1000000.00');
    });

    it('refused outside Langfang, and with the year cap already used', async () => {
      const outside = await enterprise('hebei-baoding');
      expect((await record(outside.id).expect(422)).body.code).toBe('ENTERPRISE_NOT_REGISTERED_IN_REGION');
      const full = await enterprise('hebei-langfang');
      const res = await full.session.post('/applications', {
        programCode: 'langfang-compute',
        supplierId,
        contractNumber: 'LF-ENTRANT-2',
        signedOn: '2025-05-18',
        startDate: '2025-05-18',
        endDate: '2025-10-31',
        applicationDomain: 'other',
        lines: [{ serviceKind: 'intelligent_compute', amount: '2000000.00' }],
      });
      await settled(full.session, res.body.id, ['in_review']);
      await approve(res.body.id);
      expect((await settled(full.session, res.body.id, ['issued'])).voucher.faceValue).toBe('1000000.00');
      expect((await record(full.id).expect(422)).body.code).toBe('YEARLY_CAP_EXHAUSTED');
      expect(
        await db.query(`SELECT count(*)::int AS n FROM grants WHERE enterprise_id = $1`, [full.id]),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe('泰州市姜堰区: no application, the discount applied at settlement', () => {
    let telecom: ApiSession;
    let other: ApiSession;
    let jiangyan: { id: string };
    beforeAll(async () => {
      const t = await admin.post('/admin/suppliers', {
        code: 'jy-telecom-tianyi',
        nameZh: '中国电信泰州市姜堰分公司（天翼云）',
        nameEn: 'China Telecom Jiangyan (Tianyi Cloud)',
        isPartner: false,
        serviceKinds: ['intelligent_compute'],
        contactEmail: 'tianyi@jy.example.cn',
      });
      expect(t.status).toBe(201);
      telecom = await stack.user('tianyi@jy.example.cn', 'supplier', { supplierId: t.body.id });
      other = await stack.user('other@jy.example.cn', 'supplier', { supplierId });
      jiangyan = await enterprise('jiangsu-taizhou-jiangyan');
    });

    it.each([
      ['> 300,000.00, core industry: 4折', '500000.00', true, '0.400000', '200000.00', '300000.00', 1],
      ['> 300,000.00, other: 4.6折', '300000.01', false, '0.460000', '138000.01', '162000.00', 1],
      [
        'exactly 300,000.00: the middle tier (ADR 0024)',
        '300000.00',
        true,
        '0.420000',
        '126000.00',
        '174000.00',
        2,
      ],
      [
        'exactly 100,000.00: the middle tier (ADR 0024)',
        '100000.00',
        false,
        '0.480000',
        '48000.00',
        '52000.00',
        2,
      ],
      ['< 100,000.00, core industry: 4.4折', '99999.99', true, '0.440000', '44000.00', '55999.99', 3],
    ])('%s', async (_t, listAmount, coreIndustry, factor, payable, subsidy, tier) => {
      const res = await telecom.post('/settlement-discounts', {
        enterpriseId: jiangyan.id,
        invoiceNumber: `JY-${listAmount}-${String(coreIndustry)}`,
        settledOn: DATE,
        listAmount,
        coreIndustry,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ factor, payable, subsidy, tier, listAmount });
    });

    it('refusals: outside Jiangyan, not the listed supplier, the same invoice twice, bad input', async () => {
      const taizhou = await enterprise('jiangsu-taizhou-hailing');
      const before = await db.query(`SELECT count(*)::int AS n FROM settlement_discounts`);
      const outside = await telecom.post('/settlement-discounts', {
        enterpriseId: taizhou.id,
        invoiceNumber: 'JY-X-1',
        settledOn: DATE,
        listAmount: '200000.00',
        coreIndustry: true,
      });
      expect(outside.status).toBe(422);
      expect(outside.body.code).toBe('SETTLEMENT_NOT_IN_REGION');
      const unlisted = await other.post('/settlement-discounts', {
        enterpriseId: jiangyan.id,
        invoiceNumber: 'JY-X-2',
        settledOn: DATE,
        listAmount: '200000.00',
        coreIndustry: true,
      });
      expect(unlisted.status).toBe(422);
      expect(unlisted.body.code).toBe('SETTLEMENT_SUPPLIER_NOT_LISTED');
      const twice = await telecom.post('/settlement-discounts', {
        enterpriseId: jiangyan.id,
        invoiceNumber: 'jy-500000.00-TRUE',
        settledOn: DATE,
        listAmount: '500000.00',
        coreIndustry: true,
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('SPENDING_ALREADY_FUNDED');
      const bad = await telecom.post('/settlement-discounts', {
        enterpriseId: 'x',
        invoiceNumber: '',
        settledOn: '2025-02-30',
        listAmount: '1.001',
        coreIndustry: 'yes',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['coreIndustry', 'enterpriseId', 'invoiceNumber', 'listAmount', 'settledOn'].sort(),
      );
      expect(await db.query(`SELECT count(*)::int AS n FROM settlement_discounts`)).toEqual(before);
      const list = await admin.get('/settlement-discounts').expect(200);
      expect(list.body).toMatchObject({ total: 5, subsidyTotal: '743999.99' });
    });
  });
});
