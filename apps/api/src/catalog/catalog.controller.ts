import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProgramRecord, SupplierRecord } from '@app/persistence';

/** Reference data every signed-in user may read: programs and suppliers (for the application form). */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog')
export class CatalogController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('programs')
  async programs() {
    const rows = await this.db.getRepository(ProgramRecord).find({ order: { code: 'ASC' } });
    return rows.map((p) => ({
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      active: p.active,
      rate: p.definition.rate,
      perEnterpriseYearlyCap: p.definition.perEnterpriseYearlyCap,
      planStart: p.definition.planStart,
      planEnd: p.definition.planEnd,
      contractSignedFrom: p.definition.contractSignedFrom,
    }));
  }

  @Get('suppliers')
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
