import { Body, Get, Param, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiController, ApiGet, ApiPut, ApiDelete, storedDocument } from '../common/routes';
import { attachmentDisposition } from '../common/stored-file';
import { DraftDeletedResponse, DraftResponse, SaveDraftDto } from './drafts.dto';
import { DraftsService } from './drafts.service';

/** An enterprise's draft application per program: autosaved form and materials checklist (ADR 0047). */
@ApiController('applications', 'applications/drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @ApiGet(
    ':programCode',
    "The enterprise's draft application for a program, with its materials checklist",
    DraftResponse,
  )
  @Roles('enterprise')
  get(@CurrentUser() me: Principal, @Param('programCode') programCode: string): Promise<DraftResponse> {
    return this.drafts.get(me, programCode);
  }

  @ApiPut(
    ':programCode',
    'Save the draft form (autosave; creates the draft when there is none)',
    DraftResponse,
  )
  @Roles('enterprise')
  save(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Body() dto: SaveDraftDto,
  ): Promise<DraftResponse> {
    return this.drafts.save(me, programCode, dto.form);
  }

  @ApiDelete(':programCode', 'Discard the draft with its uploaded materials', DraftDeletedResponse)
  @Roles('enterprise')
  remove(@CurrentUser() me: Principal, @Param('programCode') programCode: string) {
    return this.drafts.remove(me, programCode);
  }

  @ApiPut(
    ':programCode/materials/:slot',
    "Upload a file into a checklist slot, replacing the slot's file",
    DraftResponse,
  )
  @Roles('enterprise')
  @DocumentUpload('Materials')
  putMaterial(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DraftResponse> {
    requireDocument(file, 'file', 'Attach a non-empty file in the "file" field');
    return this.drafts.putMaterial(me, programCode, slot, file);
  }

  @ApiDelete(
    ':programCode/materials/:slot',
    'Remove the file from a checklist slot (before submission only)',
    DraftResponse,
  )
  @Roles('enterprise')
  deleteMaterial(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
  ): Promise<DraftResponse> {
    return this.drafts.deleteMaterial(me, programCode, slot);
  }

  @Get(':programCode/materials/:slot')
  @Roles('enterprise')
  @ApiOperation({ summary: "Download the file in a draft's checklist slot" })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The stored file' })
  async material(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const m = await this.drafts.material(me, programCode, slot);
    return storedDocument(res, m);
  }

  @Get(':programCode/templates/:slot')
  @Roles('enterprise', 'reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: 'Download the fill-in form (template) of a checklist slot' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The template, UTF-8 text' })
  async template(
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const t = await this.drafts.template(programCode, slot);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentDisposition(t.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(t.content);
  }
}
