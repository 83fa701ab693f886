import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Entities whose rows carry tenant_id; each registers itself here so the filter covers it. */
export const TENANT_SCOPED_ENTITIES: string[] = [];

export function TenantScoped(): ClassDecorator {
  return (target) => {
    TENANT_SCOPED_ENTITIES.push(target.name);
  };
}

/**
 * The `tenant` filter is on by default and takes its parameter from the request context: a query
 * run without a tenant fails closed ("No arguments provided for filter tenant") instead of
 * returning every tenant's rows. Row-level security stands behind it for raw SQL.
 */
export function ormOptions(params: {
  clientUrl: string;
  entities: Function[];
  migrations?: Function[];
  debug?: boolean;
  poolMax?: number;
  /** knex's acquire timeout (KnexTimeoutError, a 503 past it); knex's default is 60 s. */
  connectTimeoutMs?: number;
}): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: params.clientUrl,
    entities: params.entities,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: params.debug ?? false,
    pool: { min: 0, max: params.poolMax ?? 10, acquireTimeoutMillis: params.connectTimeoutMs ?? 5_000 },
    forceUtcTimezone: true,
    extensions: [Migrator],
    filters: {
      tenant: {
        cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
        entity: TENANT_SCOPED_ENTITIES,
        default: true,
      },
    },
    migrations: {
      tableName: 'platform_migrations',
      silent: true, // migrate() reports what it applied through the caller's logger
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      migrationsList: (params.migrations ?? []).map((cls) => ({ name: cls.name, class: cls as never })),
    },
  };
}
