import type { DataSource } from 'typeorm';
import { BEIJING_PARTNER_SUPPLIERS, PROGRAMS } from '@app/domain';
import { EnterpriseRecord, ProgramRecord, SupplierRecord } from './entities';

/** Programs (as data) and the bureau's compute partner list. Idempotent: existing rows are kept. */
export async function seedReferenceData(db: DataSource): Promise<void> {
  for (const program of Object.values(PROGRAMS)) {
    await db
      .createQueryBuilder()
      .insert()
      .into(ProgramRecord)
      .values({ code: program.code, nameZh: program.name.zh, nameEn: program.name.en, definition: program })
      .orIgnore()
      .execute();
  }
  for (const s of BEIJING_PARTNER_SUPPLIERS) {
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
    registrationRegion: 'beijing',
    independentLegalPerson: true,
    industry: 'software_information_services',
    aiDirectionAligned: true,
    soundFinancialManagement: true,
    lastDishonestyRecordDate: null,
    receivesOtherMunicipalComputeSubsidy: false,
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
}
