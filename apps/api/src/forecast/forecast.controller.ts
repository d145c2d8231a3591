import { NotFoundException, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';
import { ApiController, ApiGet } from '../common/routes';
import { ForecastService } from './forecast.service';
import { ForecastListResponse, ProgramForecastResponse } from './forecast.responses';

/** Budget forecast for the dashboard (ADR 0029): every program, or one. */
@ApiController('finance', 'forecast')
@Roles('finance', 'admin')
export class ForecastController {
  constructor(
    private readonly forecast: ForecastService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @ApiGet('', '预算预测 · Budget forecast of every program', ForecastListResponse)
  all() {
    return this.forecast.all();
  }

  @ApiGet(':programCode', '单个项目预算预测 · Budget forecast of one program', ProgramForecastResponse)
  async one(@Param('programCode') programCode: string) {
    const [p] = await this.db.query(`SELECT code FROM programs WHERE code = $1`, [programCode]);
    if (!p) throw new NotFoundException({ message: 'program not found', code: 'NOT_FOUND' });
    return this.forecast.program(programCode);
  }
}
