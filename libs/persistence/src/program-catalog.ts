import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainInputError,
  PROGRAMS,
  isBusinessDate,
  validateProgramDefinition,
  type BusinessDate,
  type DefinitionFieldError,
  type ProgramDefinition,
} from '@app/domain';
import { appendAudit } from './audit';
import { ProgramRecord, ProgramSupplierListRecord, ProgramVersionRecord, SupplierRecord } from './entities';

/** A program definition pinned to its version: what a decision is made under and records. */
export interface ProgramSnapshot {
  code: string;
  version: number;
  effectiveFrom: BusinessDate;
  definition: ProgramDefinition;
}

const NOT_A_DATE: DefinitionFieldError = {
  field: 'effectiveFrom',
  messages: ['must be a date YYYY-MM-DD'],
  localized: { zh: '须为日期（年-月-日）', en: 'must be a date YYYY-MM-DD' },
};

export type CatalogWrite<T> = { ok: true; value: T } | { ok: false; errors: DefinitionFieldError[] };

/**
 * The one place programs are read as data. A version never changes once written (a trigger refuses it),
 * so (code, version) → definition is cached for the life of the process; "in force on a date" is the
 * version with the latest effective date on or before it (the first version for earlier dates, so a
 * contract signed before the window is still judged — and refused — by the program's own rules).
 */
@Injectable()
export class ProgramCatalog {
  private readonly byVersion = new Map<string, ProgramSnapshot>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async inForce(code: string, onDate: BusinessDate, em: EntityManager = this.db.manager) {
    const rows = await em.query(
      `SELECT version FROM program_versions WHERE program_code = $1
        ORDER BY (effective_from <= $2::date) DESC, CASE WHEN effective_from <= $2::date THEN effective_from END DESC NULLS LAST, version
        LIMIT 1`,
      [code, onDate],
    );
    const version = (rows as { version: number }[])[0]?.version;
    if (version === undefined) throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program: ${code}`);
    return this.version(code, version, em);
  }

  async version(
    code: string,
    version: number,
    em: EntityManager = this.db.manager,
  ): Promise<ProgramSnapshot> {
    const key = `${code}@${version}`;
    const cached = this.byVersion.get(key);
    if (cached) return cached;
    const row = await em.findOneBy(ProgramVersionRecord, { programCode: code, version });
    if (!row) throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program version: ${key}`);
    const snapshot = this.toSnapshot(row);
    this.byVersion.set(key, snapshot);
    return snapshot;
  }

  /** Every version of a program, oldest first. */
  async versions(code: string): Promise<ProgramVersionRecord[]> {
    return this.db.getRepository(ProgramVersionRecord).find({
      where: { programCode: code },
      order: { version: 'ASC' },
    });
  }

  /**
   * Adds the next version, validated field by field by the domain library and audited. It must take
   * effect after the latest version (history is never rewritten) and keep the program's code.
   */
  async addVersion(
    actor: string,
    code: string,
    input: { effectiveFrom: string; definition: unknown; sourceDocument?: string | null; note?: string },
  ): Promise<CatalogWrite<ProgramVersionRecord>> {
    const errors = validateProgramDefinition(input.definition).map((e) => ({
      field: `definition.${e.field}`,
      messages: e.messages,
      localized: e.localized,
    }));
    if (!isBusinessDate(input.effectiveFrom)) errors.push(NOT_A_DATE);
    const definition = input.definition as ProgramDefinition;
    if (errors.length === 0 && definition.code !== code)
      errors.push({
        field: 'definition.code',
        messages: [`must stay ${code}`],
        localized: { zh: '项目代码不能修改', en: `must stay ${code}` },
      });
    if (errors.length) return { ok: false, errors };
    return this.db.transaction(async (tx) => {
      // Serialises concurrent additions to one program.
      const program = await tx.findOne(ProgramRecord, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!program) throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program: ${code}`);
      const [latest] = await tx.find(ProgramVersionRecord, {
        where: { programCode: code },
        order: { version: 'DESC' },
        take: 1,
      });
      if (latest && input.effectiveFrom <= latest.effectiveFrom) {
        return {
          ok: false as const,
          errors: [
            {
              field: 'effectiveFrom',
              messages: [
                `must be after the latest version's date (${latest.effectiveFrom}, version ${latest.version})`,
              ],
              localized: {
                zh: `须晚于第 ${latest.version} 版的生效日期 ${latest.effectiveFrom}`,
                en: `must be after the latest version's date (${latest.effectiveFrom}, version ${latest.version})`,
              },
            },
          ],
        };
      }
      const row = tx.create(ProgramVersionRecord, {
        programCode: code,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        definition,
        sourceDocument: input.sourceDocument ?? null,
        note: input.note ?? '',
        createdBy: actor,
      });
      await tx.insert(ProgramVersionRecord, row);
      await tx.update(ProgramRecord, { code }, { nameZh: definition.name.zh, nameEn: definition.name.en });
      await appendAudit(tx, actor, 'program.version_added', ['program', code], {
        before: latest ? { version: latest.version, effectiveFrom: latest.effectiveFrom } : null,
        after: { version: row.version, effectiveFrom: row.effectiveFrom, sourceDocument: row.sourceDocument },
      });
      return { ok: true as const, value: row };
    });
  }

  /** The supplier codes the program counts on a date: the latest published list, else the definition's. */
  async suppliersInForce(code: string, onDate: BusinessDate, em: EntityManager = this.db.manager) {
    const rows = (await em.query(
      `SELECT supplier_codes FROM program_supplier_lists
        WHERE program_code = $1 AND effective_from <= $2::date ORDER BY effective_from DESC LIMIT 1`,
      [code, onDate],
    )) as { supplier_codes: string[] }[];
    if (rows[0]) return rows[0].supplier_codes;
    return [...(await this.inForce(code, onDate, em)).definition.partnerSupplierCodes];
  }

  async supplierLists(code: string): Promise<ProgramSupplierListRecord[]> {
    return this.db
      .getRepository(ProgramSupplierListRecord)
      .find({ where: { programCode: code }, order: { effectiveFrom: 'ASC' } });
  }

  /** Publishes a refreshed supplier list from a date on (audited); every code must be a known supplier. */
  async addSupplierList(
    actor: string,
    code: string,
    input: { effectiveFrom: string; supplierCodes: string[]; note?: string },
  ): Promise<CatalogWrite<ProgramSupplierListRecord>> {
    const errors: DefinitionFieldError[] = [];
    if (!isBusinessDate(input.effectiveFrom)) errors.push(NOT_A_DATE);
    const known = new Set(
      (await this.db.getRepository(SupplierRecord).find({ select: { code: true } })).map((s) => s.code),
    );
    const unknown = input.supplierCodes.filter((c) => !known.has(c));
    if (unknown.length)
      errors.push({
        field: 'supplierCodes',
        messages: [`unknown suppliers: ${unknown.join(', ')}`],
        localized: { zh: '名单中有未登记的算力供给方', en: `unknown suppliers: ${unknown.join(', ')}` },
      });
    if (errors.length) return { ok: false, errors };
    return this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(ProgramRecord, { code })))
        throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program: ${code}`);
      if (
        await tx.existsBy(ProgramSupplierListRecord, {
          programCode: code,
          effectiveFrom: input.effectiveFrom,
        })
      )
        return {
          ok: false as const,
          errors: [
            {
              field: 'effectiveFrom',
              messages: ['a list already takes effect on this date'],
              localized: { zh: '该日期已有生效的名单', en: 'a list already takes effect on this date' },
            },
          ],
        };
      const row = await tx.save(
        tx.create(ProgramSupplierListRecord, {
          programCode: code,
          effectiveFrom: input.effectiveFrom,
          supplierCodes: [...new Set(input.supplierCodes)].sort(),
          note: input.note ?? '',
          createdBy: actor,
        }),
      );
      await appendAudit(tx, actor, 'program.supplier_list_published', ['program', code], {
        after: { effectiveFrom: row.effectiveFrom, supplierCodes: row.supplierCodes },
      });
      return { ok: true as const, value: row };
    });
  }

  private toSnapshot(row: ProgramVersionRecord): ProgramSnapshot {
    return {
      code: row.programCode,
      version: row.version,
      effectiveFrom: row.effectiveFrom,
      definition: row.definition,
    };
  }
}

/** Seeds each built-in definition as version 1 (and its supplier list), keeping what exists. */
export async function seedProgramVersions(db: DataSource): Promise<void> {
  for (const program of Object.values(PROGRAMS)) {
    await db.query(
      `INSERT INTO programs (code, name_zh, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
      [program.code, program.name.zh, program.name.en],
    );
    const effectiveFrom =
      program.planStart < program.planPublishedOn ? program.planStart : program.planPublishedOn;
    await db.query(
      `INSERT INTO program_versions (program_code, version, effective_from, definition, source_document, created_by)
       VALUES ($1, 1, $2, $3, $4, 'system:seed') ON CONFLICT DO NOTHING`,
      [program.code, effectiveFrom, JSON.stringify(program), program.sources.join(', ')],
    );
  }
}
