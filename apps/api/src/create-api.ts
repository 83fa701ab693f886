import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, ContextManifest, loadConfig, Metrics } from '@workbay/platform';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { CONTEXTS } from '../../contexts';
import { buildOpenApiDocument } from './openapi';

/**
 * Builds the HTTP edge (REST + GraphQL + OpenAPI). main.ts listens; e2e tests use it in-process.
 * `rawBody`: Stripe webhook signatures are verified over the exact bytes received (req.rawBody).
 */
export async function createApi(config: AppConfig = loadConfig(), contexts: readonly ContextManifest[] = CONTEXTS): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, contexts), { bufferLogs: true, rawBody: true });
  // Registered before init, these replace Nest's default parsers (100 kB, no setting); rawBody still applies.
  // A GET or HEAD carries no body the API reads: its bytes are left unparsed rather than refused,
  // so a read never answers 400/413 for a body it ignores.
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT, type: bodyOfType('application/json') });
  app.useBodyParser('urlencoded', { limit: config.HTTP_BODY_LIMIT, extended: true, type: bodyOfType('application/x-www-form-urlencoded') });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.set('trust proxy', 'loopback');
  const metrics = app.get(Metrics);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    // The route pattern, not the URL: ids in paths would explode the label set.
    res.on('finish', () => end({ route: req.route?.path ?? (req.path === '/graphql' ? '/graphql' : 'unmatched'), status: String(res.statusCode) }));
    next();
  });
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

function bodyOfType(type: string) {
  return (req: Request) => !BODYLESS_METHODS.has(req.method) && Boolean(req.is(type));
}
