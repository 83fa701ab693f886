import { APPEND_MANY_FUNCTION, appendManyFunctionSql } from './append-many';
import { appendBatchFunctionSql, appendFunctionSql } from './sql-append';
import { readFunctionsSql } from './sql-read';

export interface EventStoreSchemaOptions {
  /** The API's role (NOBYPASSRLS): may only EXECUTE append / read_stream / read_tenant. */
  appRole: string;
  /** The worker's / CLI's role (BYPASSRLS): SELECT on the tables, EXECUTE on every function. */
  systemRole: string;
}

/** Functions the app role may call; each takes p_tenant and filters by it. */
export const APP_FUNCTIONS = [
  'append(uuid, text, int, text, uuid[], text[], int[], jsonb, jsonb, timestamptz, bytea[])',
  // Several appends in one transaction (the adapter's group commit); each goes through append.
  'append_batch(uuid[], text[], int[], text[], int[], uuid[], text[], int[], jsonb, jsonb, timestamptz[], bytea[])',
  // Many appends of one tenant, set-based, answered per item (EventStore.appendMany).
  APPEND_MANY_FUNCTION,
  'read_stream(uuid, text, int, timestamptz)',
  'read_tenant(uuid, bigint, int)',
];
/** Cross-tenant functions: system role only. */
export const SYSTEM_FUNCTIONS = ['read_all(xid8, bigint, int)', 'is_checkpoint_past(xid8, bigint, bigint)', 'stream_heads(uuid)', 'read_streams(uuid, text[])'];

const TABLES = ['streams', 'events', 'idempotency'];

/**
 * A catch-up reader only sees events of transactions older than the oldest running one, so one
 * session left idle inside a transaction would stall every projection. Set this on the roles
 * (see `idleInTransactionTimeoutSql`) or per connection; `statement_timeout` covers the
 * active-but-stuck case.
 */
export const RECOMMENDED_IDLE_IN_TRANSACTION_SESSION_TIMEOUT = '30s';

/** Needs CREATEROLE (or superuser), hence separate from the schema DDL. */
export function idleInTransactionTimeoutSql(roles: string[], value = RECOMMENDED_IDLE_IN_TRANSACTION_SESSION_TIMEOUT): string[] {
  return roles.map((r) => `alter role ${ident(r)} set idle_in_transaction_session_timeout = '${value.replace(/'/g, "''")}'`);
}

/**
 * Idempotent DDL for the `eventstore` schema, run in order by the database owner (who then owns
 * the SECURITY DEFINER functions). The roles must already exist.
 */
export function eventStoreSchemaSql(opts: EventStoreSchemaOptions): string[] {
  const app = ident(opts.appRole);
  const sys = ident(opts.systemRole);
  return [
    `create schema if not exists eventstore`,
    `revoke all on schema eventstore from public`,
    `create table if not exists eventstore.streams (
      tenant_id uuid not null,
      stream_id text not null,
      version int not null,
      head_hash bytea not null,
      -- Transaction of the last append: lets append refuse an older transaction without a lookup in events.
      last_tx xid8,
      primary key (tenant_id, stream_id)
    )`,
    // The stream id's tenant prefix, as on events, but checked by a trigger that fires only when
    // a row is inserted or its key changes: a CHECK constraint is prepared (parsed and planned)
    // again by every statement that updates the table, and every append updates the stream head.
    // AFTER, not BEFORE: a BEFORE UPDATE row trigger locks the old row (a WAL record) on every
    // update, even one that leaves the trigger's columns alone.
    `create or replace function eventstore.check_stream_of_tenant() returns trigger
      language plpgsql set search_path = pg_catalog, pg_temp as $fn$
      begin
        if new.stream_id is null or new.stream_id not like new.tenant_id::text || '.%' then
          raise exception 'eventstore: stream % does not belong to tenant %', new.stream_id, new.tenant_id
            using errcode = '23514', table = 'streams', schema = 'eventstore';
        end if;
        return null;
      end
      $fn$`,
    `revoke all on function eventstore.check_stream_of_tenant() from public`,
    `create or replace trigger streams_stream_of_tenant after insert or update of tenant_id, stream_id on eventstore.streams
      for each row execute function eventstore.check_stream_of_tenant()`,
    // A schema created before the trigger has the CHECK constraint (its generated name).
    `alter table eventstore.streams drop constraint if exists streams_check`,
    `create table if not exists eventstore.events (
      global_position bigserial primary key,
      tx_id xid8 not null default pg_current_xact_id(),
      tenant_id uuid not null,
      stream_id text not null,
      stream_version int not null,
      event_id uuid not null unique,
      type text not null,
      schema_version int not null,
      data jsonb not null,
      metadata jsonb not null,
      recorded_at timestamptz not null,
      content_hash bytea not null,
      chain_hash bytea not null,
      unique (tenant_id, stream_id, stream_version),
      check (stream_id like tenant_id::text || '.%')
    )`,
    `create index if not exists events_tenant_position on eventstore.events (tenant_id, global_position)`,
    `create index if not exists events_tx_position on eventstore.events (tx_id, global_position)`,
    // For a schema created before last_tx existed; a no-op on a fresh one.
    `alter table eventstore.streams add column if not exists last_tx xid8`,
    `update eventstore.streams s set last_tx = e.tx_id from eventstore.events e
      where s.last_tx is null and e.tenant_id = s.tenant_id and e.stream_id = s.stream_id and e.stream_version = s.version`,
    // stream_version / global_position stay null only inside the appending transaction.
    `create table if not exists eventstore.idempotency (
      tenant_id uuid not null,
      key text not null,
      stream_id text not null,
      stream_version int,
      global_position bigint,
      primary key (tenant_id, key)
    )`,
    ...TABLES.flatMap((t) => rlsSql(`eventstore.${t}`, app)),
    // The earlier signature (jsonb[] data and metadata), so a re-run leaves no stale overload behind.
    `drop function if exists eventstore.append(uuid, text, int, text, uuid[], text[], int[], jsonb[], jsonb[], timestamptz, bytea[])`,
    appendFunctionSql(),
    appendBatchFunctionSql(),
    appendManyFunctionSql(),
    ...readFunctionsSql(),
    ...[...APP_FUNCTIONS, ...SYSTEM_FUNCTIONS].map((f) => `revoke all on function eventstore.${f} from public`),
    `grant usage on schema eventstore to ${app}, ${sys}`,
    ...APP_FUNCTIONS.map((f) => `grant execute on function eventstore.${f} to ${app}, ${sys}`),
    ...SYSTEM_FUNCTIONS.map((f) => `grant execute on function eventstore.${f} to ${sys}`),
    `revoke all on ${TABLES.map((t) => `eventstore.${t}`).join(', ')} from ${app}`,
    `grant select on ${TABLES.map((t) => `eventstore.${t}`).join(', ')} to ${sys}`,
  ];
}

/**
 * Forced RLS makes the owner subject to policies too, and the SECURITY DEFINER functions run as
 * the owner: it gets an explicit policy (a superuser owner bypasses RLS anyway). The app role's
 * tenant policy only matters if someone ever grants it table access: defence in depth.
 */
function rlsSql(table: string, app: string): string[] {
  const base = table.replace('.', '_');
  const tenant = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
  return [
    `alter table ${table} enable row level security`,
    `alter table ${table} force row level security`,
    `drop policy if exists ${base}_tenant_isolation on ${table}`,
    `create policy ${base}_tenant_isolation on ${table} to ${app} using (${tenant}) with check (${tenant})`,
    `drop policy if exists ${base}_owner on ${table}`,
    `create policy ${base}_owner on ${table} to current_user using (true) with check (true)`,
  ];
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported role name: ${name}`);
  return name;
}
