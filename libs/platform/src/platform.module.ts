import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import Redis from 'ioredis';
import { ClsModule, ClsService, ClsServiceManager } from 'nestjs-cls';
import type { DestinationStream, Logger } from 'pino';
import { Pool } from 'pg';
import { AuditableRecords } from './audit/auditable-records';
import { AuditOutbox } from './audit/audit-outbox';
import { AuditOutboxSweeper } from './audit/audit-outbox-sweeper';
import { ApiKeyAuthentication } from './auth/api-key-authentication';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { AbilitiesGuard } from './authorization/abilities.guard';
import { AppConfig, loadConfig } from './config/config';
import { Clock, IdGenerator, SystemClock, UuidGenerator } from './context/clock';
import { RequestContext } from './context/request-context';
import { AggregateStore } from './cqrs/aggregate-store';
import { ormOptions } from './database/orm-options';
import { APP_POOL, createPool, SYSTEM_POOL } from './database/system-pool';
import { TENANT_POOL, TenantDb } from './database/tenant-db';
import { openEventStore, SYSTEM_EVENT_STORE } from './eventstore/open-event-store';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { RequestValidationPipe } from './errors/request-validation.pipe';
import { CommandIdempotencyInterceptor, IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeys } from './idempotency/idempotency-keys';
import { bindToCommands } from './idempotency/bind-to-commands';
import { HealthController, REDIS } from './observability/health.controller';
import { Metrics, MetricsController } from './observability/metrics';
import { createRootLogger, PinoNestLogger, ROOT_LOGGER } from './observability/logging';
import { ReadModelWaiter } from './projections/read-model-waiter';
import { WaitForProjectionGuard } from './projections/wait-for-projection.guard';
import { StripeWebhooksModule } from './webhooks/stripe-webhooks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CommandGates, CommandGatesGuard } from './authorization/command-gates';
import { registerGrants } from './authorization/abilities';
import { CommandQuotaInterceptor, EntitlementsGuard, QuotaInterceptor } from './entitlements/entitlements.guard';
import { assertDistinct, ContextManifest, contextEntities, contextModules, contextRecords } from './contexts/context-manifest';


export interface PlatformOptions {
  /** The bounded contexts the app serves: their entities, grants and auditable records. */
  contexts?: readonly ContextManifest[];
  /** Read-model entities besides the contexts' (tests of the kernel alone). */
  entities?: Function[];
  /** Configuration override (tests); default: validated process.env. */
  config?: AppConfig;
  /** Where the API's log lines go (tests read them); default: stdout. */
  logDestination?: DestinationStream;
}

const CORE_EXPORTS = [AppConfig, Clock, IdGenerator, RequestContext, TenantDb, AggregateStore, AuditableRecords, AuditOutbox, EVENT_STORE, SYSTEM_EVENT_STORE, SYSTEM_POOL];

/** What both the API and the worker need; `storePool` is the pool the command side appends through. */
function coreProviders(config: AppConfig, storePool: symbol, contexts: readonly ContextManifest[]): Provider[] {
  return [
    { provide: AppConfig, useValue: config },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UuidGenerator },
    { provide: APP_POOL, useFactory: () => createPool(config.APP_DATABASE_URL, 10, config.DATABASE_CONNECT_TIMEOUT_MS) },
    { provide: SYSTEM_POOL, useFactory: () => createPool(config.SYSTEM_DATABASE_URL, 5, config.DATABASE_CONNECT_TIMEOUT_MS) },
    { provide: REDIS, useFactory: () => new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 }) },
    { provide: EVENT_STORE, inject: [storePool], useFactory: (pool: Pool) => openEventStore(config, pool) },
    { provide: SYSTEM_EVENT_STORE, inject: [SYSTEM_POOL], useFactory: (pool: Pool) => openEventStore(config, pool) },
    RequestContext,
    // The raw pool beside the ORM's connection is of the same role: the app role's in the API, the system role's in the worker.
    { provide: TENANT_POOL, useExisting: storePool },
    TenantDb,
    AggregateStore,
    { provide: AuditableRecords, useFactory: () => new AuditableRecords(contextRecords(contexts)) },
    AuditOutbox,
  ];
}

/** The contexts' entities and grants; a list with two contexts, projections or record categories of one name is refused. */
function adopt(options: PlatformOptions): { contexts: readonly ContextManifest[]; entities: Function[] } {
  const contexts = options.contexts ?? [];
  assertDistinct(contexts);
  for (const context of contexts) registerGrants(context.name, context.grants);
  return { contexts, entities: [...contextEntities(contexts), ...(options.entities ?? [])] };
}

/**
 * Everything an HTTP edge needs: config, request context, logging, database (app role, RLS),
 * event store, token verification, CASL guard, problem-details errors, idempotency,
 * read-your-writes, metrics. The ports it declares (UserDirectory, TenantProfiles) are provided by
 * the identity context's module, which every app imports beside this one.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(APP_POOL) private readonly appPool: Pool,
    @Inject(SYSTEM_POOL) private readonly systemPool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SYSTEM_EVENT_STORE) private readonly systemStore: EventStore,
  ) {}

  static forApi(options: PlatformOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    const { contexts, entities } = adopt(options);
    const edgeModules = [StripeWebhooksModule.forApi(), NotificationsModule.forApi()];
    const controllers = [HealthController, MetricsController];
    // Idempotency-Key and quotas on the commands only (not global interceptors: reads and /health pay nothing for them).
    // Each bind goes first on the handler, so binding the quota first leaves it inside the
    // idempotency interceptor: a replayed command returns its stored result and counts no quota.
    const commandModules = [{ module: PlatformModule, controllers }, ...edgeModules, ...contextModules(contexts, 'api')];
    bindToCommands(commandModules, CommandQuotaInterceptor);
    bindToCommands(commandModules, CommandIdempotencyInterceptor);
    return {
      module: PlatformModule,
      imports: [
        JwtModule.register({ secret: config.JWT_SECRET }),
        // No request context per request (an em.fork on every request, #10): every read and write
        // forks its own through TenantDb.run, and the global context is refused (allowGlobalContext).
        MikroOrmModule.forRoot({ ...ormOptions({ clientUrl: config.APP_DATABASE_URL, entities, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS }), registerRequestContext: false }),
        ...edgeModules,
      ],
      controllers,
      providers: [
        // The request context without ClsModule: its middleware, no-op guard and no-op interceptor
        // ran on every request (issue #10); the request edge (observability/request-edge.ts) opens
        // the context instead, on the same AsyncLocalStorage.
        { provide: ClsService, useValue: ClsServiceManager.getClsService() },
        ...coreProviders(config, APP_POOL, contexts),
        { provide: ROOT_LOGGER, inject: [ClsService], useFactory: (cls: ClsService) => createRootLogger(config.LOG_LEVEL, cls, options.logDestination) },
        { provide: PinoNestLogger, inject: [ROOT_LOGGER], useFactory: (logger: Logger) => new PinoNestLogger(logger) },
        {
          provide: ReadModelWaiter,
          inject: [SYSTEM_EVENT_STORE, SYSTEM_POOL],
          useFactory: (store: EventStore, pool: Pool) =>
            new ReadModelWaiter(store, pool, { listenUrl: config.SYSTEM_DATABASE_URL, fallbackPollMs: config.READ_WAIT_FALLBACK_POLL_MS }),
        },
        JwtStrategy,
        // Its ApiKeyDirectory port is identity's, like the strategy's UserDirectory.
        ApiKeyAuthentication,
        Metrics,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: AbilitiesGuard },
        { provide: APP_GUARD, useClass: EntitlementsGuard },
        CommandGates,
        { provide: APP_GUARD, useClass: CommandGatesGuard },
        // Last of the guards: a read waits for its projection only once it is known to be allowed.
        { provide: APP_GUARD, useClass: WaitForProjectionGuard },
        IdempotencyKeys,
        IdempotencyInterceptor,
        QuotaInterceptor,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: APP_PIPE,
          useClass: RequestValidationPipe,
        },
      ],
      // JwtModule: identity signs the tokens this module's strategy verifies, with the same key.
      exports: [...CORE_EXPORTS, ClsService, ROOT_LOGGER, PinoNestLogger, Metrics, JwtModule, CommandGates],
    };
  }

  /**
   * The worker's platform: no HTTP edge; the system role (BYPASSRLS) for read models and the
   * event store, since projections and process managers act for every tenant. Command handlers
   * still take the tenant from the context, which the process runtime sets per event.
   */
  static forWorker(options: PlatformOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    const { contexts, entities } = adopt(options);
    return {
      module: PlatformModule,
      imports: [
        ClsModule.forRoot({ global: true }),
        MikroOrmModule.forRoot(ormOptions({ clientUrl: config.SYSTEM_DATABASE_URL, entities, poolMax: 5, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS })),
        StripeWebhooksModule.forWorker(),
        NotificationsModule.forWorker(),
      ],
      providers: [...coreProviders(config, SYSTEM_POOL, contexts), AuditOutboxSweeper],
      exports: [...CORE_EXPORTS, AuditOutboxSweeper],
    };
  }

  async onApplicationShutdown() {
    await Promise.allSettled([this.store.close(), this.systemStore.close(), this.redis.quit()]);
    await Promise.allSettled([this.appPool.end(), this.systemPool.end()]);
  }
}
