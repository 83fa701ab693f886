import { INestApplication } from '@nestjs/common';
import { AppConfig, ContextManifest, loadConfig } from '@workbay/platform';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import type { ApiOptions } from '../../apps/api/src/app.module';
import { CONTEXTS } from '../../apps/contexts';
import { contextMigrations } from '../../apps/cli/src/migrations';
import { createWorker, Worker } from '../../apps/worker/src/create-worker';
import { RunningStripeEmulator, startStripeEmulator } from '../../apps/stripe-emulator/src';
import { ResponseContract } from './response-contract';

/** The webhook signing secret the harness's Stripe emulator and API share. */
export const E2E_STRIPE_WEBHOOK_SECRET = 'whsec_e2e_stripe_emulator_secret';

export interface Platform {
  app: INestApplication;
  config: AppConfig;
  worker?: Worker;
  /** The Stripe emulator, when started with `stripe: true`: its webhooks go to this API. */
  stripe?: RunningStripeEmulator;
  http: () => ReturnType<typeof request>;
  /** Responses that broke the OpenAPI document so far; close() fails the test file on any. */
  contractViolations: string[];
  close(): Promise<void>;
}

/**
 * The configuration of a platform on one test database. BullMQ keys are namespaced by that
 * database's (unique) name, so test files running in parallel on one Redis never take each
 * other's jobs. The webhook sweeper runs often and soon, so a lost job shows up within seconds.
 */
export function configFor(databaseUrl: string, extra: Record<string, string> = {}): AppConfig {
  const url = new URL(databaseUrl);
  const as = (user: string) => Object.assign(new URL(url.toString()), { username: user }).toString();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    APP_DATABASE_URL: as('workbay_app'),
    SYSTEM_DATABASE_URL: as('workbay_system'),
    LOG_LEVEL: 'silent',
    READ_WAIT_TIMEOUT_MS: '10000',
    BULLMQ_PREFIX: `wb-test:${url.pathname.slice(1)}`,
    WEBHOOK_SWEEP_INTERVAL_MS: '200',
    WEBHOOK_SWEEP_AFTER_MS: '1500',
    AUDIT_OUTBOX_SWEEP_INTERVAL_MS: '200',
    AUDIT_OUTBOX_SWEEP_AFTER_MS: '1500',
    // Argon2id at 4 MiB x 2 (~25 ms) instead of 64 MiB x 3 (~0.4 s of a core per signup or login);
    // a platform started as production keeps the production cost (config refuses less there).
    ...(extra.NODE_ENV === 'production' ? {} : { PASSWORD_HASH_MEMORY_KIB: '4096', PASSWORD_HASH_TIME_COST: '2' }),
    ...extra,
  });
}

/** Deletes every Redis key under the platform's BullMQ prefix (its test database is dropped too). */
export async function dropQueues(config: AppConfig): Promise<void> {
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.BULLMQ_PREFIX}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * A fresh database, migrated; the real API in-process; the worker's projections running (unless
 * told not to). `contexts`: the apps' list by default; through the same functions the apps use.
 */
export async function startPlatform(options: { worker?: boolean; prefix?: string; stripe?: boolean | { webhookRetryDelaysMs?: number[] }; config?: Record<string, string>; contexts?: readonly ContextManifest[]; api?: ApiOptions } = {}): Promise<Platform> {
  const contexts = options.contexts ?? CONTEXTS;
  const db = await createMigratedTestDatabase(options.prefix ?? 'e2e', contextMigrations(contexts));
  // The Stripe emulator (optional): the API's SDK points at it, and it posts webhooks to the API,
  // which then has to listen on a real port.
  const stripe = options.stripe
    ? await startStripeEmulator({ port: 0, webhookSecret: E2E_STRIPE_WEBHOOK_SECRET, webhookRetryDelaysMs: options.stripe === true ? [50, 200, 500] : options.stripe.webhookRetryDelaysMs })
    : undefined;
  const config = configFor(db.url, { ...(stripe ? { STRIPE_API_BASE: stripe.url, STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET } : {}), ...options.config });
  const app = await createApi(config, contexts, options.api);
  await app.init();
  // Every response of the e2e flows is checked against the document the API serves.
  const contractViolations: string[] = [];
  const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  new ResponseContract(document).watch(app.getHttpServer(), contractViolations);
  if (stripe) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    stripe.setWebhookEndpoint({ url: `http://127.0.0.1:${address.port}/webhooks/stripe`, secret: E2E_STRIPE_WEBHOOK_SECRET });
  }
  const worker = options.worker === false ? undefined : await createWorker(config, { idleDelayMs: 20, contexts });
  worker?.start();
  return {
    app,
    config,
    worker,
    stripe,
    http: () => request(app.getHttpServer()),
    contractViolations,
    async close() {
      await stripe?.close();
      await worker?.close();
      await app.close();
      await dropQueues(config);
      await db.drop();
      if (contractViolations.length) {
        throw new Error(`${contractViolations.length} response(s) broke the OpenAPI document:\n  ${[...new Set(contractViolations)].join('\n  ')}`);
      }
    },
  };
}
