import type { DataSource } from 'typeorm';
import { BEIJING_PARTNER_SUPPLIERS, CHENGDU_DEMO_SUPPLIERS, eligibleEnterprise } from '@app/domain';
import { EnterpriseRecord, SupplierRecord, UserRecord, type Role } from './entities';
import { seedProgramVersions } from './program-catalog';
import { hashPassword } from './password';

/** Programs (version 1 of each built-in definition) and the suppliers they list. Idempotent. */
export async function seedReferenceData(db: DataSource): Promise<void> {
  await seedProgramVersions(db);
  for (const s of [...BEIJING_PARTNER_SUPPLIERS, ...CHENGDU_DEMO_SUPPLIERS]) {
    await db
      .createQueryBuilder()
      .insert()
      .into(SupplierRecord)
      .values({
        code: s.code,
        nameZh: s.name.zh,
        nameEn: s.name.en,
        isPartner: true,
        serviceKinds: [...s.serviceKinds],
        contactEmail: `settlement@${s.code}.example.cn`,
      })
      .orIgnore()
      .execute();
  }
}

/** Demo enterprises for a local run: two eligible applicants and one that fails the registry checks. */
export const DEMO_ENTERPRISES: Partial<EnterpriseRecord>[] = [
  {
    name: '北京智源医疗大模型科技有限公司',
    creditCode: '91110108MA01DEMO01',
    ...eligibleEnterprise(),
    contactEmail: 'finance@zhiyuan-med.example.cn',
  },
  {
    name: '北京精工智造机器人有限公司',
    creditCode: '91110302MA01DEMO02',
    registrationRegion: 'beijing',
    independentLegalPerson: true,
    industry: 'manufacturing',
    aiDirectionAligned: true,
    soundFinancialManagement: true,
    lastDishonestyRecordDate: null,
    receivesOtherMunicipalComputeSubsidy: false,
    contactEmail: 'finance@jinggong-robot.example.cn',
  },
  {
    name: '天津远航数据服务有限公司',
    creditCode: '91120116MA01DEMO03',
    registrationRegion: 'tianjin',
    independentLegalPerson: true,
    industry: 'software_information_services',
    aiDirectionAligned: true,
    soundFinancialManagement: true,
    lastDishonestyRecordDate: '2024-05-10',
    receivesOtherMunicipalComputeSubsidy: false,
    contactEmail: 'finance@yuanhang-data.example.cn',
  },
];

export async function seedDemo(db: DataSource): Promise<void> {
  await seedReferenceData(db);
  await db.createQueryBuilder().insert().into(EnterpriseRecord).values(DEMO_ENTERPRISES).orIgnore().execute();
  await seedDemoUsers(db);
}

/** The demo password of every seeded demo user (a local demo only; never seeded in production). */
export const DEMO_PASSWORD = 'demo-password-2025';

/** Demo staff and company users, one or two per role. */
export async function seedDemoUsers(db: DataSource): Promise<void> {
  const enterprises = await db.getRepository(EnterpriseRecord).find();
  const byCode = new Map(enterprises.map((e) => [e.creditCode, e.id]));
  const suppliers = new Map((await db.getRepository(SupplierRecord).find()).map((s) => [s.code, s.id]));
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: {
    email: string;
    displayName: string;
    role: Role;
    enterpriseId?: string;
    supplierId?: string;
  }[] = [
    { email: 'admin@bureau.example.cn', displayName: '系统管理员 Admin', role: 'admin' },
    { email: 'reviewer1@bureau.example.cn', displayName: '审核员 王芳', role: 'reviewer' },
    { email: 'reviewer2@bureau.example.cn', displayName: '审核员 李强', role: 'reviewer' },
    { email: 'senior1@bureau.example.cn', displayName: '高级审核员 张敏', role: 'senior_reviewer' },
    { email: 'senior2@bureau.example.cn', displayName: '高级审核员 陈刚', role: 'senior_reviewer' },
    { email: 'finance@bureau.example.cn', displayName: '财务 刘洋', role: 'finance' },
    {
      email: 'ops@zhiyuan-med.example.cn',
      displayName: '智源医疗 申报专员',
      role: 'enterprise',
      enterpriseId: byCode.get('91110108MA01DEMO01'),
    },
    {
      email: 'ops@jinggong-robot.example.cn',
      displayName: '精工智造 申报专员',
      role: 'enterprise',
      enterpriseId: byCode.get('91110302MA01DEMO02'),
    },
    {
      email: 'settlement@baidu.example.cn',
      displayName: '百度智能云 结算',
      role: 'supplier',
      supplierId: suppliers.get('baidu'),
    },
    {
      email: 'settlement@alibaba-cloud.example.cn',
      displayName: '阿里云 结算',
      role: 'supplier',
      supplierId: suppliers.get('alibaba-cloud'),
    },
  ];
  for (const u of users) {
    if ((u.role === 'enterprise' && !u.enterpriseId) || (u.role === 'supplier' && !u.supplierId)) continue;
    await db
      .createQueryBuilder()
      .insert()
      .into(UserRecord)
      .values({
        ...u,
        enterpriseId: u.enterpriseId ?? null,
        supplierId: u.supplierId ?? null,
        passwordHash: hash,
        active: true,
      })
      .orIgnore()
      .execute();
  }
}
