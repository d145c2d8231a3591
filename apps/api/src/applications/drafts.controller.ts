import { Body, Param, StreamableFile, UploadedFile } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DOCUMENT_TYPES, DocumentUpload, uploadedDocument } from '../common/document-upload';
import {
  ApiController,
  ApiDelete,
  ApiDownload,
  ApiGet,
  ApiPut,
  DocumentDownload,
  PassthroughRes,
} from '../common/routes';
import { attachmentDisposition } from '../common/stored-file';
import { DraftDeletedResponse, DraftResponse, SaveDraftDto } from './drafts.dto';
import { DraftsService } from './drafts.service';

/** The caller's draft for a program, and one checklist slot of it. */
const DRAFT = ':programCode';
const SLOT = ':programCode/materials/:slot';

/** An enterprise's draft application per program: autosaved form and materials checklist (ADR 0047). */
@ApiController('applications', 'applications/drafts')
@Roles('enterprise')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @ApiGet(
    DRAFT,
    "The enterprise's draft application for a program, with its materials checklist",
    DraftResponse,
  )
  get(@CurrentUser() me: Principal, @Param('programCode') programCode: string): Promise<DraftResponse> {
    return this.drafts.get(me, programCode);
  }

  @ApiPut(DRAFT, 'Save the draft form (autosave; creates the draft when there is none)', DraftResponse)
  save(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Body() dto: SaveDraftDto,
  ): Promise<DraftResponse> {
    return this.drafts.save(me, programCode, dto.form);
  }

  @ApiDelete(DRAFT, 'Discard the draft with its uploaded materials', DraftDeletedResponse)
  remove(@CurrentUser() me: Principal, @Param('programCode') programCode: string) {
    return this.drafts.remove(me, programCode);
  }

  @ApiPut(SLOT, "Upload a file into a checklist slot, replacing the slot's file", DraftResponse)
  @DocumentUpload('Materials')
  putMaterial(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<DraftResponse> {
    return this.drafts.putMaterial(me, programCode, slot, uploadedDocument(file));
  }

  @ApiDelete(SLOT, 'Remove the file from a checklist slot (before submission only)', DraftResponse)
  deleteMaterial(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
  ): Promise<DraftResponse> {
    return this.drafts.deleteMaterial(me, programCode, slot);
  }

  @DocumentDownload(
    SLOT,
    "Download the file in a draft's checklist slot",
    'The stored file',
    ...DOCUMENT_TYPES,
  )
  material(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
  ) {
    return this.drafts.material(me, programCode, slot);
  }

  @ApiDownload(
    ':programCode/templates/:slot',
    'Download the fill-in form (template) of a checklist slot',
    'The template, UTF-8 text',
    'text/plain',
  )
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  async template(
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @PassthroughRes() res: Response,
  ) {
    const t = await this.drafts.template(programCode, slot);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentDisposition(t.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(t.content);
  }
}
