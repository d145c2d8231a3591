import { applyDecorators, RequestMethod, type INestApplicationContext, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/decorators';
import { Fields } from './fields';
import * as is from './field-kinds';

/** A text in both languages the console shows (Chinese first). */
export class BilingualText extends Fields({
  zh: is.text.eg('申请不存在').about('中文 · Chinese'),
  en: is.text.eg('Application not found').about('English'),
}) {}

/** One field's problem inside an error answer. */
export class FieldErrorSchema extends Fields({
  field: is.text.eg('contractNumber').about('The field (dotted path for nested input)'),
  code: is.text.eg('IS_NOT_EMPTY').about('Reason code for this field').optional(),
  message: is.text.about('English text (older clients)').optional(),
  messages: is.listOf(is.text).about('Every constraint the field failed').optional(),
  localized: is.nested(BilingualText).about('The field’s message in Chinese and English').optional(),
}) {}

/**
 * The one error shape every 4xx/5xx answer has (see exception-filter.ts ErrorBody; kept here so the document
 * names it once). A change there must be mirrored here: test/openapi-contract.test.ts sends real refusals and
 * checks them against this schema's required fields.
 */
export class ErrorBodySchema extends Fields({
  statusCode: is.numeric.eg(422),
  code: is.text.eg('NOT_FOUND').about('Reason code (REASON_MESSAGES in libs/domain)'),
  message: is.text.about('English text (kept for older clients)'),
  messages: is.nested(BilingualText).about('What a screen shows, in Chinese and English'),
  errors: is.listOf(FieldErrorSchema).about('Field-by-field problems of bad input').optional(),
}) {}

/** A route whose success answer is a file (the stored bytes, a report): 200 with a binary body. */
export function ApiFileResponse(description: string, ...mediaTypes: string[]) {
  return applyDecorators(
    ApiProduces(...(mediaTypes.length ? mediaTypes : ['application/octet-stream'])),
    ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }),
  );
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '请求格式错误 · Malformed request (bad JSON, unknown or too deep input)',
  401: '未登录或令牌失效 · No token, or the token is invalid or revoked',
  403: '无权执行 · The caller’s role may not do this',
  404: '记录不存在或不属于调用者 · The record does not exist or is not the caller’s',
  409: '与当前状态冲突 · Conflicts with the record’s current state (already done, duplicate)',
  422: '输入或业务规则不通过 · Input failed validation or a business rule refused it (field-by-field errors)',
};

const BODY_METHODS = new Set([
  RequestMethod.POST,
  RequestMethod.PUT,
  RequestMethod.PATCH,
  RequestMethod.DELETE,
]);

/** The 4xx answers a route can give, from how it is declared: auth, path parameters, body/mutation, query. */
function errorStatusesOf(controller: Type, handler: (...args: unknown[]) => unknown): number[] {
  const isPublic =
    Reflect.getMetadata(IS_PUBLIC, handler) === true || Reflect.getMetadata(IS_PUBLIC, controller) === true;
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
  const paths = [Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler)]
    .flat()
    .filter((p): p is string => typeof p === 'string');
  const hasPathParams = paths.some((p) => p.includes(':'));
  const statuses = new Set<number>();
  if (!isPublic) [401, 403].forEach((s) => statuses.add(s));
  if (hasPathParams) statuses.add(404);
  if (BODY_METHODS.has(method)) [400, 409, 422].forEach((s) => statuses.add(s));
  // Query strings and path parameters are validated too (ValidationPipe): bad ones are 422 field by field.
  const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler.name) ??
    []) as unknown[];
  if (hasPathParams || paramTypes.length > 0) statuses.add(422);
  // Even a public route with no input can be refused for its shape (body parsers, input guard): 400.
  if (statuses.size === 0) statuses.add(400);
  return [...statuses].sort();
}

/**
 * Attaches, as decorators, what every route shares: bearer auth on non-public routes and the error shape on
 * the 4xx answers it can give. Done once per process before the document is built (idempotent).
 */
const decorated = new WeakSet<object>();
const publicOperations = new Set<string>();
function decorateRoutes(app: INestApplicationContext): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || decorated.has(controller)) continue;
      decorated.add(controller);
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, key);
        const handler = descriptor?.value as ((...args: unknown[]) => unknown) | undefined;
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const isPublic =
          Reflect.getMetadata(IS_PUBLIC, handler) === true ||
          Reflect.getMetadata(IS_PUBLIC, controller) === true;
        if (!isPublic) ApiBearerAuth()(proto, key, descriptor!);
        else publicOperations.add(operationId(controller.name, key));
        const declared = (Reflect.getMetadata('swagger/apiResponse', handler) ?? {}) as Record<
          string,
          unknown
        >;
        // Nest documents a bare 200/201 only when a route declares no answer at all; adding the 4xx answers
        // below would drop it, so it is kept explicitly (without a schema: the contract test lists those).
        if (!Object.keys(declared).some((status) => /^2\d\d$/.test(status))) {
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const status = Number(
            Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (method === RequestMethod.POST ? 201 : 200),
          );
          ApiResponse({ status, description: 'OK' })(proto, key, descriptor!);
        }
        for (const status of errorStatusesOf(controller, handler)) {
          if (declared[String(status)]) continue;
          ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorBodySchema })(
            proto,
            key,
            descriptor!,
          );
        }
      }
    }
  }
}

function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

/** A public route says so (`security: []`), so that no operation's access is left unsaid. */
function markPublic(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      if (
        op &&
        typeof op === 'object' &&
        'operationId' in op &&
        publicOperations.has(op.operationId as string)
      ) {
        (op as { security?: unknown[] }).security = [];
      }
    }
  }
}

/**
 * Every 4xx answers with the error shape as JSON, whatever the route's success media type (a file route's
 * `@ApiProduces` would otherwise list its 404 as a PDF), including a 4xx a controller declared itself.
 * A route that has bearer security from both its class and this module lists it once.
 */
function errorShapeOnEvery4xx(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      for (const [status, response] of Object.entries(
        op.responses as Record<string, Record<string, unknown>>,
      )) {
        if (!/^4\d\d$/.test(status) || '$ref' in response) continue;
        response.content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodySchema) } } };
      }
      const withSecurity = op as { security?: unknown[] };
      if (withSecurity.security) {
        withSecurity.security = [...new Set(withSecurity.security.map((s) => JSON.stringify(s)))].map(
          (s) => JSON.parse(s) as unknown,
        );
      }
    }
  }
}

/** The OpenAPI document of the API as routed in `app` (started or a preview: no server needs to run). */
export function buildOpenApiDocument(
  app: INestApplicationContext & Parameters<typeof SwaggerModule.createDocument>[0],
) {
  decorateRoutes(app);
  const config = new DocumentBuilder()
    .setTitle('Compute voucher back office')
    .setDescription('算力券 programs: applications, review, vouchers, settlements, redemption runs.')
    .setVersion('0.1.0')
    .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
    .addServer('/', 'This API (the console is served from the same origin)')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodySchema],
    operationIdFactory: operationId,
  });
  errorShapeOnEvery4xx(document);
  markPublic(document);
  return document;
}
