import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, ContextManifest, loadConfig, Metrics, PinoNestLogger, requestEdge, ROOT_LOGGER } from '@workbay/platform';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { ApiOptions, AppModule } from './app.module';
import { CONTEXTS } from '../../contexts';
import { buildOpenApiDocument } from './openapi';

/**
 * Builds the HTTP edge (REST + GraphQL + OpenAPI). main.ts listens; e2e tests use it in-process.
 * `rawBody`: Stripe webhook signatures are verified over the exact bytes received (req.rawBody).
 */
export async function createApi(config: AppConfig = loadConfig(), contexts: readonly ContextManifest[] = CONTEXTS, options: ApiOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, contexts, options), { bufferLogs: true, rawBody: true });
  // Registered before init, these replace Nest's default parsers (100 kB, no setting); rawBody still applies.
  // A GET or HEAD carries no body the API reads: its bytes are left unparsed rather than refused,
  // so a read never answers 400/413 for a body it ignores.
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT, type: bodyOfType('application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json') });
  app.useBodyParser('urlencoded', { limit: config.HTTP_BODY_LIMIT, extended: true, type: bodyOfType('application/x-www-form-urlencoded') });
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Request id, request context, duration metric and the completed-request log line: one step, after the parsers.
  app.use(requestEdge(app.get(ClsService), app.get(ROOT_LOGGER), app.get(Metrics)));
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

function bodyOfType(...types: string[]) {
  return (req: Request) => !BODYLESS_METHODS.has(req.method) && Boolean(req.is(types));
}
