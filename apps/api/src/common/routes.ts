import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { ApiFileResponse } from './openapi';
import { sendStoredDocument } from './stored-file';

/*
 * The decorator stacks every controller repeats, composed once: the signed-in controller's class header, and a
 * route with its method, path, bilingual summary and success answer (what the OpenAPI document shows).
 */

/** A controller for signed-in callers under `path`, grouped under `tag` in the document. */
export const ApiController = (tag: string, path?: string) =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), path === undefined ? Controller() : Controller(path));

/** The success answer's body: one class, or a list of it. */
type Answer = Type | [Type];

/** GET `path`, answering 200 with `type`. */
export const ApiGet = (path: string, summary: string, type: Answer) =>
  applyDecorators(Get(path), ApiOperation({ summary }), ApiOkResponse({ type }));

/** POST `path` that records something new, answering 201 with `type`. */
export const ApiPost = (path: string, summary: string, type: Answer) =>
  applyDecorators(Post(path), ApiOperation({ summary }), ApiCreatedResponse({ type }));

/** POST `path` that acts on an existing record (submit, decide, withdraw), answering 200 with `type`. */
export const ApiAction = (path: string, summary: string, type: Answer) =>
  applyDecorators(Post(path), HttpCode(200), ApiOperation({ summary }), ApiOkResponse({ type }));

/** PUT `path`, answering 200 with `type`. */
export const ApiPut = (path: string, summary: string, type: Answer) =>
  applyDecorators(Put(path), ApiOperation({ summary }), ApiOkResponse({ type }));

/** PATCH `path`, answering 200 with `type`. */
export const ApiPatch = (path: string, summary: string, type: Answer) =>
  applyDecorators(Patch(path), ApiOperation({ summary }), ApiOkResponse({ type }));

/** DELETE `path`, answering 200 with `type`. */
export const ApiDelete = (path: string, summary: string, type: Answer) =>
  applyDecorators(Delete(path), ApiOperation({ summary }), ApiOkResponse({ type }));

/** GET `path` whose answer is a file (see ApiFileResponse: `description`, and the media types it may have). */
export const ApiDownload = (path: string, summary: string, description: string, ...mediaTypes: string[]) =>
  applyDecorators(Get(path), ApiOperation({ summary }), ApiFileResponse(description, ...mediaTypes));

/** A record's id in the path (`:id` unless named otherwise): a UUID, refused as bad input otherwise. */
export const IdParam = (name = 'id') => Param(name, ParseUUIDPipe);

/** The response, for setting a download's headers; Nest still sends what the handler returns. */
export const PassthroughRes = () => Res({ passthrough: true });

/** A document as it was stored: its name, its declared type and its bytes. */
interface StoredDocument {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** A stored document sent back as a download (see sendStoredDocument for the headers). */
export function storedDocument(res: Response, file: StoredDocument): StreamableFile {
  sendStoredDocument(res, file.filename, file.contentType);
  return new StreamableFile(file.content);
}

/** Sends what the handler answers, a stored document, as a download. */
class SendsStoredDocument implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler<StoredDocument>): Observable<StreamableFile> {
    const res = ctx.switchToHttp().getResponse<Response>();
    return next.handle().pipe(map((file) => storedDocument(res, file)));
  }
}

/**
 * GET `path` answering with a stored document (materials, evidence, invoices): the handler returns the
 * document and it goes out as a download; the document lists `description` and the media types it may have.
 */
export const DocumentDownload = (
  path: string,
  summary: string,
  description: string,
  ...mediaTypes: string[]
) =>
  applyDecorators(
    ApiDownload(path, summary, description, ...mediaTypes),
    UseInterceptors(new SendsStoredDocument()),
  );
