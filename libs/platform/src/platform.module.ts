import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import Redis from 'ioredis';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AuditableRecords } from './audit/auditable-records';
import { AuditOutbox } from './audit/audit-outbox';
import { AuditOutboxSweeper } from './audit/audit-outbox-sweeper';
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
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeys } from './idempotency/idempotency-keys';
import { HealthController, REDIS } from './observability/health.controller';
import { Metrics, MetricsController } from './observability/metrics';
import { ReadModelWaiter } from './projections/read-model-waiter';
import { WaitForProjectionInterceptor } from './projections/wait-for-projection.interceptor';
import { StripeWebhooksModule } from './webhooks/stripe-webhooks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CommandGates, CommandGatesGuard } from './authorization/command-gates';
import { registerGrants } from './authorization/abilities';
import { assertDistinct, ContextManifest, contextEntities, contextRecords } from './contexts/context-manifest';


export interface PlatformOptions {
  /** The bounded contexts the app serves: their entities, grants and auditable records. */
  contexts?: readonly ContextManifest[];
  /** Read-model entities besides the contexts' (tests of the kernel alone). */
  entities?: Function[];
  /** Configuration override (tests); default: validated process.env. */
  config?: AppConfig;
}

const CORE_EXPORTS = [AppConfig, Clock, IdGenerator, RequestContext, TenantDb, AggregateStore, AuditableRecords, AuditOutbox, EVENT_STORE, SYSTEM_EVENT_STORE, SYSTEM_POOL];

/** What both the API and the worker need; `storePool` is the pool the command side appends through. */
function coreProviders(config: AppConfig, storePool: symbol, contexts: readonly ContextManifest[]): Provider[] {
  return [
    { provide: AppConfig, useValue: config },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UuidGenerator },
    { provide: APP_POOL, useFactory: () => createPool(config.APP_DATABASE_URL) },
    { provide: SYSTEM_POOL, useFactory: () => createPool(config.SYSTEM_DATABASE_URL, 5) },
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
    return {
      module: PlatformModule,
      imports: [
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (req) => (req.headers['x-request-id'] as string) || randomUUID(),
            setup: (cls, req) => cls.set('correlationId', (req.headers['x-correlation-id'] as string) || cls.getId()),
          },
        }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(),
            customProps: (req) => {
              const user = (req as { user?: { tenantId: string; userId: string } }).user;
              return { tenantId: user?.tenantId, userId: user?.userId, correlationId: req.headers['x-correlation-id'] ?? req.id };
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        PassportModule,
        JwtModule.register({ secret: config.JWT_SECRET }),
        MikroOrmModule.forRoot(ormOptions({ clientUrl: config.APP_DATABASE_URL, entities })),
        StripeWebhooksModule.forApi(),
        NotificationsModule.forApi(),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        ...coreProviders(config, APP_POOL, contexts),
        {
          provide: ReadModelWaiter,
          inject: [SYSTEM_EVENT_STORE, SYSTEM_POOL],
          useFactory: (store: EventStore, pool: Pool) =>
            new ReadModelWaiter(store, pool, { listenUrl: config.SYSTEM_DATABASE_URL, fallbackPollMs: config.READ_WAIT_FALLBACK_POLL_MS }),
        },
        JwtStrategy,
        Metrics,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: AbilitiesGuard },
        CommandGates,
        { provide: APP_GUARD, useClass: CommandGatesGuard },
        { provide: APP_INTERCEPTOR, useClass: WaitForProjectionInterceptor },
        IdempotencyKeys,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: APP_PIPE,
          useClass: RequestValidationPipe,
        },
      ],
      // JwtModule: identity signs the tokens this module's strategy verifies, with the same key.
      exports: [...CORE_EXPORTS, Metrics, JwtModule, CommandGates],
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
        MikroOrmModule.forRoot(ormOptions({ clientUrl: config.SYSTEM_DATABASE_URL, entities, poolMax: 5 })),
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
