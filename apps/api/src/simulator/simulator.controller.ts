import {
  BadRequestException,
  Body,
  UnprocessableEntityException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import ExcelJS from 'exceljs';
import {
  parseCsv,
  readSimulationTable,
  simulateProgram,
  validateProgramDefinition,
  type ProgramDefinition,
} from '@app/domain';
import { ProgramCatalog } from '@app/persistence';
import { Roles } from '../auth/decorators';
import { ApiController, ApiAction } from '../common/routes';
import { SimulationResponse } from './simulator.responses';

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class SimulateDto {
  @ApiPropertyOptional({
    description: 'a draft definition as JSON (what the editor holds); else programCode',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  definition?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/)
  programCode?: string;

  @ApiPropertyOptional({ description: 'a saved version of programCode (default: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

interface Upload {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

function badRequest(errors: { field: string; messages: string[] }[]): never {
  throw new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Some fields are invalid (请检查填写内容)',
    errors,
  });
}

/** A worksheet cell as the text a CSV would hold: dates as YYYY-MM-DD, everything else as written. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}

async function readTable(file: Upload): Promise<string[][]> {
  const isXlsx = file.mimetype === XLSX || /\.xlsx$/i.test(file.originalname);
  if (!isXlsx) return parseCsv(file.buffer.toString('utf8'));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
  } catch {
    badRequest([{ field: 'file', messages: ['not a readable XLSX workbook'] }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const table: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    table.push(cells);
  });
  return table.filter((r) => r.some((c) => c !== ''));
}

/**
 * Policy simulator (ADR 0028): a draft or saved program version run over a CSV or XLSX of sample
 * contracts — every row through the same eligibility rules and amounts an application goes through, with
 * totals against the budget pool. Nothing is written.
 */
@ApiController('admin', 'admin/simulator')
@Roles('admin')
export class SimulatorController {
  constructor(private readonly catalog: ProgramCatalog) {}

  @ApiAction('', '政策模拟 · Simulate a program definition', SimulationResponse)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        definition: { type: 'string' },
        programCode: { type: 'string' },
        version: { type: 'integer' },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  async simulate(@Body() dto: SimulateDto, @UploadedFile() file: Upload | undefined) {
    if (!file || file.size === 0)
      throw new UnprocessableEntityException({
        code: 'MATERIAL_MISSING',
        message: 'Attach a CSV or XLSX of sample contracts in the "file" field',
        errors: [{ field: 'file', messages: ['file is required'] }],
      });
    const program = await this.definition(dto);
    const table = await readTable(file);
    if (table.length - 1 > MAX_ROWS) badRequest([{ field: 'file', messages: [`at most ${MAX_ROWS} rows`] }]);
    const { rows, rowErrors, headerErrors } = readSimulationTable(table);
    if (headerErrors.length)
      badRequest(headerErrors.map((e) => ({ field: `file.columns.${e.field}`, messages: [e.message] })));
    const result = simulateProgram(program, rows);
    return {
      program: { code: program.code, name: program.name, rate: program.rate },
      rows: result.rows,
      rowErrors,
      totals: result.totals,
    };
  }

  private async definition(dto: SimulateDto): Promise<ProgramDefinition> {
    if (dto.definition !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(dto.definition);
      } catch {
        badRequest([{ field: 'definition', messages: ['must be JSON'] }]);
      }
      const errors = validateProgramDefinition(parsed);
      if (errors.length)
        badRequest(errors.map((e) => ({ field: `definition.${e.field}`, messages: e.messages })));
      return parsed as ProgramDefinition;
    }
    if (!dto.programCode)
      badRequest([{ field: 'definition', messages: ['give a definition or a programCode'] }]);
    const versions = await this.catalog.versions(dto.programCode);
    const v = dto.version ?? versions.at(-1)?.version;
    if (!v || !versions.some((x) => x.version === v))
      badRequest([{ field: 'version', messages: ['no such program version'] }]);
    return (await this.catalog.version(dto.programCode, v)).definition;
  }
}
