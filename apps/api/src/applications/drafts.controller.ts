import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Put,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { documentUpload, requireDocument } from '../common/document-upload';
import { attachmentDisposition, sendStoredDocument } from '../common/stored-file';
import { DraftDeletedResponse, DraftResponse, SaveDraftDto } from './drafts.dto';
import { DraftsService } from './drafts.service';

/** An enterprise's draft application per program: autosaved form and materials checklist (ADR 0047). */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications/drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get(':programCode')
  @Roles('enterprise')
  @ApiOperation({ summary: "The enterprise's draft application for a program, with its materials checklist" })
  @ApiOkResponse({ type: DraftResponse })
  get(@CurrentUser() me: Principal, @Param('programCode') programCode: string): Promise<DraftResponse> {
    return this.drafts.get(me, programCode);
  }

  @Put(':programCode')
  @Roles('enterprise')
  @ApiOperation({ summary: 'Save the draft form (autosave; creates the draft when there is none)' })
  @ApiOkResponse({ type: DraftResponse })
  save(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Body() dto: SaveDraftDto,
  ): Promise<DraftResponse> {
    return this.drafts.save(me, programCode, dto.form);
  }

  @Delete(':programCode')
  @Roles('enterprise')
  @ApiOperation({ summary: 'Discard the draft with its uploaded materials' })
  @ApiOkResponse({ type: DraftDeletedResponse })
  remove(@CurrentUser() me: Principal, @Param('programCode') programCode: string) {
    return this.drafts.remove(me, programCode);
  }

  @Put(':programCode/materials/:slot')
  @Roles('enterprise')
  @ApiOperation({ summary: "Upload a file into a checklist slot, replacing the slot's file" })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: DraftResponse })
  @UseInterceptors(documentUpload('file', 'Materials'))
  putMaterial(
    @CurrentUser() me: Principal,
    @Param('programCode') programCode: string,
    @Param('slot') slot: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DraftResponse> {
    requireDocument(file, 'file', 'Attach a non-empty file in the "file" field');
    return this.drafts.putMaterial(me, programCode, slot, file);
  }

  @Delete(':programCode/materials/:slot')
  @Roles('enterprise')
  @ApiOperation({ summary: 'Remove the file from a checklist slot (before submission only)' })
  @ApiOkResponse({ type: DraftResponse })
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
    sendStoredDocument(res, m.filename, m.contentType);
    return new StreamableFile(m.content);
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
