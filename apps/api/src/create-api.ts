import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, loadConfig, Metrics } from '@workbay/platform';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/**
 * Builds the HTTP edge (REST + GraphQL + OpenAPI). main.ts listens; e2e tests use it in-process.
 * `rawBody`: Stripe webhook signatures are verified over the exact bytes received (req.rawBody).
 */
export async function createApi(config: AppConfig = loadConfig()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, rawBody: true });
  // Registered before init, these replace Nest's default parsers (100 kB, no setting); rawBody still applies.
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.HTTP_BODY_LIMIT, extended: true });
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Workbay API')
      .setDescription('Multi-tenant, event-sourced shop operations. Commands return `position`; pass it as `X-Min-Position` on a read to see your write.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addGlobalParameters({ in: 'header', name: 'Idempotency-Key', required: false, description: 'honoured on every command (POST)', schema: { type: 'string' } })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
