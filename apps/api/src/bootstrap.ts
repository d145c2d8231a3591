import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/exception-filter';
import { bodyParsers } from './common/json-body';
import { buildOpenApiDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : undefined,
    // Our own parsers: bodies above 256 kB → 413, deeper than 20 levels → 400 JSON_TOO_DEEP, bad JSON → 400.
    bodyParser: false,
  });
  // API answers are not cached by validators: Express's ETag would hash every body for nothing.
  app.set('etag', false);
  app.disable('x-powered-by');
  for (const parser of bodyParsers()) app.use(parser);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // The same document scripts/openapi.js writes to docs/openapi.json (and lint checks current).
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}
