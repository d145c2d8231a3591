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
  StreamableFile,
  type Type,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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

/** A record's id in the path (`:id` unless named otherwise): a UUID, refused as bad input otherwise. */
export const IdParam = (name = 'id') => Param(name, ParseUUIDPipe);

/** A stored document sent back as a download (see sendStoredDocument for the headers). */
export function storedDocument(
  res: Response,
  file: { filename: string; contentType: string; content: Uint8Array },
): StreamableFile {
  sendStoredDocument(res, file.filename, file.contentType);
  return new StreamableFile(file.content);
}
