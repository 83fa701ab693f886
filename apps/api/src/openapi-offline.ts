import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { AppConfig, loadConfig } from '@workbay/platform';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/**
 * The document without a running platform: Nest's preview mode scans modules and routes but
 * instantiates no provider, so nothing connects to PostgreSQL, Redis or Stripe. CI lints this.
 */
export async function openApiDocumentOffline(config: AppConfig = loadConfig()): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
