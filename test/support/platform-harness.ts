import { INestApplication } from '@nestjs/common';
import { createTestDatabase } from '@workbay/eventstore/testing';
import { AppConfig, loadConfig, migrate } from '@workbay/platform';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import { ALL_MIGRATIONS } from '../../apps/cli/src/migrations';
import { createWorker, Worker } from '../../apps/worker/src/create-worker';

export interface Platform {
  app: INestApplication;
  config: AppConfig;
  worker?: Worker;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export function configFor(databaseUrl: string): AppConfig {
  const url = new URL(databaseUrl);
  const as = (user: string) => Object.assign(new URL(url.toString()), { username: user }).toString();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    APP_DATABASE_URL: as('workbay_app'),
    SYSTEM_DATABASE_URL: as('workbay_system'),
    LOG_LEVEL: 'silent',
    READ_WAIT_TIMEOUT_MS: '10000',
  });
}

/** A fresh database, migrated; the real API in-process; the worker's projections running (unless told not to). */
export async function startPlatform(options: { worker?: boolean; prefix?: string } = {}): Promise<Platform> {
  const db = await createTestDatabase(options.prefix ?? 'e2e');
  const config = configFor(db.url);
  await migrate(config.DATABASE_URL, ALL_MIGRATIONS);
  const app = await createApi(config);
  await app.init();
  const worker = options.worker === false ? undefined : await createWorker(config, { idleDelayMs: 20 });
  worker?.start();
  return {
    app,
    config,
    worker,
    http: () => request(app.getHttpServer()),
    async close() {
      await worker?.close();
      await app.close();
      await db.drop();
    },
  };
}
