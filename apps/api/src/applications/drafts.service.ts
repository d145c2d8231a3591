import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  acceptedMimeTypes,
  applicationChecklist,
  missingApplicationMaterials,
  type MaterialRequirement,
  type ProgramDefinition,
} from '@app/domain';
import { BusinessClock, ProgramCatalog, ProgramRecord, appendAudit } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { notFound, refused } from '../common/errors';
import type { DraftFormDto } from './drafts.dto';

interface DraftRow {
  id: string;
  form: DraftFormDto;
  updatedAt: Date;
}
interface FileRow {
  slotCode: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}
export interface UploadedDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * An enterprise's draft application for one program: the form as typed and the files in the program's
 * checklist slots. Every query is keyed by the caller's enterprise, so a draft is never seen by another
 * enterprise (ADR 0047).
 */
@Injectable()
export class DraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
  ) {}

  /** The definition in force today, for the checklist a draft fills. */
  private async definition(programCode: string): Promise<ProgramDefinition> {
    const program = await this.db.getRepository(ProgramRecord).findOneBy({ code: programCode });
    if (!program)
      refused(
        'UNKNOWN_PROGRAM',
        { zh: '没有这个项目', en: `No such program: ${programCode}` },
        'programCode',
      );
    return (await this.catalog.inForce(programCode, await this.clock.today())).definition;
  }

  private slot(definition: ProgramDefinition, code: string): MaterialRequirement {
    const slot = applicationChecklist(definition).find((m) => m.code === code);
    if (!slot)
      refused(
        'MATERIAL_SLOT_UNKNOWN',
        {
          zh: '该材料不在本项目的申请材料清单中',
          en: 'This material is not on the program’s application checklist',
        },
        'slot',
      );
    return slot;
  }

  private async draftRow(me: Principal, programCode: string, em: EntityManager = this.db.manager) {
    const rows: DraftRow[] = await em.query(
      `SELECT id, form, updated_at AS "updatedAt" FROM application_drafts
        WHERE enterprise_id = $1 AND program_code = $2`,
      [me.enterpriseId, programCode],
    );
    return rows[0] ?? null;
  }

  /** The draft with its checklist; a program with no saved draft answers an empty one. */
  async get(me: Principal, programCode: string) {
    const definition = await this.definition(programCode);
    return this.view(me, programCode, definition);
  }

  private async view(me: Principal, programCode: string, definition: ProgramDefinition) {
    const draft = await this.draftRow(me, programCode);
    const files: FileRow[] = draft
      ? await this.db.query(
          `SELECT slot_code AS "slotCode", filename, content_type AS "contentType", size_bytes AS "sizeBytes",
                  sha256, uploaded_at AS "uploadedAt"
             FROM application_draft_materials WHERE draft_id = $1`,
          [draft.id],
        )
      : [];
    const bySlot = new Map(files.map((f) => [f.slotCode, f]));
    const base = `/applications/drafts/${encodeURIComponent(programCode)}`;
    return {
      programCode,
      form: draft?.form ?? null,
      updatedAt: draft?.updatedAt.toISOString() ?? null,
      slots: applicationChecklist(definition).map((m) => {
        const f = bySlot.get(m.code);
        return {
          code: m.code,
          name: m.name,
          required: m.required,
          accepts: [...(m.accepts ?? ['pdf', 'png', 'jpeg'])],
          templateUrl: m.template ? `${base}/templates/${encodeURIComponent(m.code)}` : null,
          file: f
            ? {
                filename: f.filename,
                contentType: f.contentType,
                sizeBytes: f.sizeBytes,
                sha256: f.sha256,
                uploadedAt: f.uploadedAt.toISOString(),
              }
            : null,
        };
      }),
      missing: missingApplicationMaterials(definition, bySlot.keys()).map((m) => m.code),
    };
  }

  /** Creates or overwrites the enterprise's draft form (autosave). */
  async save(me: Principal, programCode: string, form: DraftFormDto) {
    const definition = await this.definition(programCode);
    await this.upsert(this.db.manager, me, programCode, form);
    return this.view(me, programCode, definition);
  }

  private async upsert(em: EntityManager, me: Principal, programCode: string, form: DraftFormDto | null) {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO application_drafts (enterprise_id, program_code, form, updated_by)
       VALUES ($1, $2, COALESCE($3::jsonb, '{}'::jsonb), $4)
       ON CONFLICT (enterprise_id, program_code) DO UPDATE
         SET form = COALESCE($3::jsonb, application_drafts.form), updated_by = $4, updated_at = now()
       RETURNING id`,
      [me.enterpriseId, programCode, form === null ? null : JSON.stringify(form), me.userId],
    );
    return rows[0].id;
  }

  async remove(me: Principal, programCode: string) {
    const draft = await this.draftRow(me, programCode);
    if (!draft) notFound('draft');
    await this.db.query(`DELETE FROM application_drafts WHERE id = $1`, [draft.id]);
    return { deleted: true };
  }

  /** Puts the file into its slot, replacing the one there (the draft is created if need be). */
  async putMaterial(me: Principal, programCode: string, slotCode: string, file: UploadedDocument) {
    const definition = await this.definition(programCode);
    const slot = this.slot(definition, slotCode);
    if (!acceptedMimeTypes(slot).includes(file.mimetype))
      refused(
        'MATERIAL_TYPE',
        {
          zh: '该材料不接受这种文件类型，请按清单所列的类型上传',
          en: `This material must be ${(slot.accepts ?? []).map((k) => k.toUpperCase()).join(', ')}`,
        },
        'file',
      );
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Multer reads the multipart filename as latin1; browsers send UTF-8 (e.g. 营业执照.pdf).
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    await this.db.transaction(async (tx) => {
      const draftId = await this.upsert(tx, me, programCode, null);
      await tx.query(
        `INSERT INTO application_draft_materials
           (draft_id, slot_code, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (draft_id, slot_code) DO UPDATE
           SET filename = $3, content_type = $4, size_bytes = $5, sha256 = $6, content = $7,
               uploaded_by = $8, uploaded_at = now()`,
        [draftId, slotCode, filename, file.mimetype, file.size, sha256, file.buffer, me.userId],
      );
    });
    return this.view(me, programCode, definition);
  }

  async deleteMaterial(me: Principal, programCode: string, slotCode: string) {
    const definition = await this.definition(programCode);
    this.slot(definition, slotCode);
    const draft = await this.draftRow(me, programCode);
    const [, count] = draft
      ? ((await this.db.query(
          `DELETE FROM application_draft_materials WHERE draft_id = $1 AND slot_code = $2`,
          [draft.id, slotCode],
        )) as [unknown, number])
      : [null, 0];
    if (!count) notFound('material');
    return this.view(me, programCode, definition);
  }

  async material(me: Principal, programCode: string, slotCode: string) {
    const rows: { filename: string; contentType: string; content: Buffer }[] = await this.db.query(
      `SELECT m.filename, m.content_type AS "contentType", m.content
         FROM application_draft_materials m JOIN application_drafts d ON d.id = m.draft_id
        WHERE d.enterprise_id = $1 AND d.program_code = $2 AND m.slot_code = $3`,
      [me.enterpriseId, programCode, slotCode],
    );
    if (!rows[0]) notFound('material');
    return rows[0];
  }

  /** The slot's fill-in form as a UTF-8 text file (CRLF, with a byte-order mark so Notepad reads it). */
  async template(programCode: string, slotCode: string) {
    const slot = this.slot(await this.definition(programCode), slotCode);
    if (!slot.template)
      refused('NO_TEMPLATE', { zh: '该材料没有模板', en: 'This material has no template' }, 'slot');
    return {
      filename: slot.template.filename,
      content: Buffer.from('\ufeff' + slot.template.paragraphs.join('\r\n\r\n') + '\r\n', 'utf8'),
    };
  }

  /**
   * At submission, inside its transaction: refuses while a required slot of the definition judged is empty
   * (MATERIALS_MISSING, one field per slot), else moves the files to the application and drops the draft.
   */
  async submitInto(
    tx: EntityManager,
    me: Principal,
    programCode: string,
    definition: ProgramDefinition,
    applicationId: string,
  ): Promise<number> {
    const draft = await this.draftRow(me, programCode, tx);
    const filled: { slotCode: string }[] = draft
      ? await tx.query(
          `SELECT slot_code AS "slotCode" FROM application_draft_materials WHERE draft_id = $1 FOR UPDATE`,
          [draft.id],
        )
      : [];
    const missing = missingApplicationMaterials(
      definition,
      filled.map((f) => f.slotCode),
    );
    if (missing.length) throw materialsMissing(missing);
    if (!draft) return 0;
    const moved: unknown[] = await tx.query(
      `INSERT INTO application_materials
         (application_id, slot_code, filename, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
       SELECT $2, slot_code, filename, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at
         FROM application_draft_materials WHERE draft_id = $1
       RETURNING id`,
      [draft.id, applicationId],
    );
    await tx.query(`DELETE FROM application_drafts WHERE id = $1`, [draft.id]);
    await appendAudit(tx, me.userId, 'application.materials_from_draft', ['application', applicationId], {
      after: { materials: moved.length },
    });
    return moved.length;
  }
}

/** 422 MATERIALS_MISSING naming each empty required slot as a field `materials.<slot>`. */
export function materialsMissing(missing: MaterialRequirement[]) {
  const messages = {
    zh: `以下必需的申请材料尚未上传：${missing.map((m) => m.name.zh).join('、')}`,
    en: `Upload the required materials first: ${missing.map((m) => m.name.en).join(', ')}`,
  };
  // Built like `refused` but with one field per slot.
  return new UnprocessableEntityException({
    message: `${messages.en} (${messages.zh})`,
    messages,
    code: 'MATERIALS_MISSING',
    errors: missing.map((m) => ({
      field: `materials.${m.code}`,
      code: 'MATERIALS_MISSING',
      message: `${m.name.en} has not been uploaded`,
      localized: { zh: `请上传${m.name.zh}`, en: `Upload the ${m.name.en.toLowerCase()}` },
    })),
  });
}
