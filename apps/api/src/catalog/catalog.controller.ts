import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { programStatusOn } from '@app/domain';
import { BusinessClock, ProgramCatalog, ProgramRecord, SupplierRecord } from '@app/persistence';
import { ApiController, ApiGet } from '../common/routes';
import { CatalogProgramResponse, CatalogSupplierResponse } from './catalog.responses';

/** Reference data every signed-in user may read: programs and suppliers (for the application form). */
@ApiController('catalog', 'catalog')
export class CatalogController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
    private readonly clock: BusinessClock,
  ) {}

  /** Each program as it stands today: the version in force and the figures an applicant needs. */
  @ApiGet('programs', '可申请的政策项目 · Programs open to the caller', [CatalogProgramResponse])
  async programs() {
    const today = await this.clock.today();
    const rows = await this.db.getRepository(ProgramRecord).find({ order: { code: 'ASC' } });
    return Promise.all(
      rows.map(async (p) => {
        const { version, definition: d } = await this.catalog.inForce(p.code, today);
        return {
          code: p.code,
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          active: p.active,
          status: programStatusOn(d, p.active, today),
          version,
          allocation: d.allocation,
          disbursement: d.disbursement,
          rate: d.rate,
          fixedFaceValue: d.fixedFaceValue,
          perEnterpriseYearlyCap: d.perEnterpriseYearlyCap,
          perEnterpriseCumulativeCap: d.perEnterpriseCumulativeCap,
          budgetPoolPerYear: d.budgetPoolPerYear,
          budgetPoolTotal: d.budgetPoolTotal,
          vouchersPerYear: d.vouchersPerYear,
          planStart: d.planStart,
          planEnd: d.planEnd,
          contractSignedFrom: d.contractSignedFrom,
          materials: d.materials,
          fundingShares: d.fundingShares,
        };
      }),
    );
  }

  @ApiGet('suppliers', '可选服务商 · Suppliers the caller may contract with', [CatalogSupplierResponse])
  async suppliers() {
    const rows = await this.db
      .getRepository(SupplierRecord)
      .find({ order: { isPartner: 'DESC', code: 'ASC' } });
    return rows.map((s) => ({
      id: s.id,
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      isPartner: s.isPartner,
      serviceKinds: s.serviceKinds,
    }));
  }
}
