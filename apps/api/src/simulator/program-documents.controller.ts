import { NotFoundException, Param, StreamableFile, UploadedFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendAudit } from '@app/persistence';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiController, ApiDownload, ApiGet, ApiPost, IdParam, PassthroughRes } from '../common/routes';
import { ProgramDocumentResponse, ProgramDocumentUploadedResponse } from './program-documents.responses';

/** Source documents, like materials: PDF or images, at most 10 MB. */

interface Upload {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * The source document a program version rests on (ADR 0028): uploaded by the editor before saving, stored
 * once per program (the same file twice is the same document), and referred to from the version's
 * `sourceDocument` by name, hash and address. Admin only; audited.
 */
@ApiController('admin', 'admin/programs/:code/documents')
@Roles('admin')
export class ProgramDocumentsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @ApiPost('', '上传政策文件 · Upload a program document', ProgramDocumentUploadedResponse)
  @DocumentUpload('The document')
  async upload(
    @CurrentUser() me: Principal,
    @Param('code') code: string,
    @UploadedFile() file: Upload | undefined,
  ) {
    await this.program(code);
    requireDocument(file, 'file', 'Attach the document in the "file" field');
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    const row = await this.db.transaction(async (tx) => {
      const [same] = await tx.query(
        `SELECT id, filename FROM program_documents WHERE program_code = $1 AND sha256 = $2`,
        [code, sha256],
      );
      if (same) return same as { id: string; filename: string };
      const [doc] = await tx.query(
        `INSERT INTO program_documents (program_code, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, filename`,
        [code, filename, file.mimetype, file.size, sha256, file.buffer, me.userId],
      );
      await appendAudit(tx, me.userId, 'program.document_uploaded', ['program', code], {
        after: { documentId: doc.id, filename, sha256, sizeBytes: file.size },
      });
      return doc as { id: string; filename: string };
    });
    const address = `/admin/programs/${code}/documents/${row.id}`;
    return {
      id: row.id,
      filename: row.filename,
      sha256,
      address,
      // What the editor puts in the version's sourceDocument (≤ 500 characters).
      reference: `${row.filename.slice(0, 200)} · sha256:${sha256.slice(0, 16)} · ${address}`,
    };
  }

  @ApiGet('', "政策文件列表 · A program's documents", [ProgramDocumentResponse])
  async list(@Param('code') code: string) {
    await this.program(code);
    return this.db.query(
      `SELECT id, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
         FROM program_documents WHERE program_code = $1 ORDER BY uploaded_at`,
      [code],
    );
  }

  @ApiDownload(':id', '下载政策文件 · Download a program document', 'The stored program document')
  async download(@Param('code') code: string, @IdParam() id: string, @PassthroughRes() res: Response) {
    const [doc] = await this.db.query(
      `SELECT filename, content_type, content FROM program_documents WHERE id = $1 AND program_code = $2`,
      [id, code],
    );
    if (!doc) throw new NotFoundException({ message: 'document not found', code: 'NOT_FOUND' });
    sendStoredDocument(res, doc.filename, doc.content_type);
    return new StreamableFile(doc.content as Buffer);
  }

  private async program(code: string) {
    const [p] = await this.db.query(`SELECT code FROM programs WHERE code = $1`, [code]);
    if (!p) throw new NotFoundException({ message: 'program not found', code: 'NOT_FOUND' });
  }
}
