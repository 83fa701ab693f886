import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AppendManyItem, AppendManyResult, assertAppendManyItems, EventMetadata } from '../event-store';
import { canonicalJson, contentDigest, plainCanonicalJson } from '../hash-chain';
import { isSerializationFailure, mapPgError } from './rows';

/** Its signature, for grants (schema.ts). */
export const APPEND_MANY_FUNCTION = 'append_many(uuid, text[], int[], text[], int[], uuid[], text[], int[], jsonb, jsonb, timestamptz, bytea[])';

const APPEND_MANY_SQL = `select ord, status, stream_version, global_position
  from eventstore.append_many($1::uuid, $2::text[], $3::int[], $4::text[], $5::int[], $6::uuid[], $7::text[],
                              $8::int[], $9::jsonb, $10::jsonb, $11::timestamptz, $12::bytea[])`;
const APPEND_MANY_STATEMENT = 'workbay_eventstore_append_many';
export const MAX_ATTEMPTS = 20;

export interface AppendManyRow {
  ord: number;
  status: 'appended' | 'duplicate' | 'conflict';
  stream_version: number;
  global_position: string | null;
}

/**
 * `EventStore.appendMany` on PostgreSQL: one call of `eventstore.append_many`, one transaction,
 * whatever the number of items.
 */
export async function appendManyOnPool(
  pool: Pool, tenantId: string, items: AppendManyItem[], metadata: EventMetadata,
  /** Told the highest position written, once the call returned (committed on a pool). */
  announce: (position: number) => Promise<void>,
): Promise<AppendManyResult[]> {
  assertAppendManyItems(tenantId, items);
  if (items.length === 0) return [];
  const call = appendManyCall(tenantId, items, metadata);
  for (let attempt = 1; ; attempt++) {
    let rows: AppendManyRow[];
    try {
      rows = (await pool.query<AppendManyRow>(call)).rows;
    } catch (error) {
      // The call is its own transaction and wrote nothing: a deadlock or serialization failure is safe to retry.
      if (isSerializationFailure(error) && attempt < MAX_ATTEMPTS) continue;
      throw mapPgError(error, tenantId, items[0].streamId);
    }
    const { results, highest } = appendManyResults(rows, items.length);
    if (highest > 0) await announce(highest);
    return results;
  }
}

/** The answers of one `append_many` call, in item order, and the highest position it wrote (0: none). */
export function appendManyResults(rows: AppendManyRow[], count: number): { results: AppendManyResult[]; highest: number } {
  const results = new Array<AppendManyResult>(count);
  let highest = 0;
  for (const r of rows) {
    if (r.status === 'conflict') {
      results[r.ord - 1] = { status: 'conflict', streamVersion: r.stream_version };
      continue;
    }
    const globalPosition = Number(r.global_position);
    results[r.ord - 1] = { status: r.status, streamVersion: r.stream_version, globalPosition };
    if (r.status === 'appended' && globalPosition > highest) highest = globalPosition;
  }
  return { results, highest };
}

/**
 * The prepared `append_many` call for these items. The content hashes are computed here (as for
 * `append`), for each item's expected version; the function chains them on the heads it locks.
 */
export function appendManyCall(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): { name: string; text: string; values: unknown[] } {
  const recordedAt = new Date();
  const recordedIso = recordedAt.toISOString();
  const metadataJson = JSON.stringify(metadata) ?? 'null';
  const metadataParsed: unknown = JSON.parse(metadataJson);
  const metadataCanonical = canonicalJson(metadataParsed);
  const streams: string[] = [];
  const expected: number[] = [];
  const keys: Array<string | null> = [];
  const counts: number[] = [];
  const eventIds: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const dataJson: string[] = [];
  const hashes: Buffer[] = [];
  for (const item of items) {
    streams.push(item.streamId);
    expected.push(item.expectedVersion);
    keys.push(item.idempotencyKey ?? null);
    counts.push(item.events.length);
    for (const [k, e] of item.events.entries()) {
      // What jsonb holds must be what was hashed: plain JSON data (a request body's) is sent as
      // its canonical text, which is hashed as is; anything else is hashed from the parse of its JSON.
      const plain = plainCanonicalJson(e.data);
      const json = plain ?? JSON.stringify(e.data) ?? 'null';
      const canonicalData = plain ?? canonicalJson(JSON.parse(json));
      const eventId = randomUUID();
      const schemaVersion = e.schemaVersion ?? 1;
      eventIds.push(eventId);
      types.push(e.type);
      schemaVersions.push(schemaVersion);
      dataJson.push(json);
      hashes.push(contentDigest({
        eventId, type: e.type, schemaVersion, data: undefined, streamId: item.streamId,
        streamVersion: item.expectedVersion + k + 1, metadata: metadataParsed, recordedAt: recordedIso,
      }, { data: canonicalData, metadata: metadataCanonical }));
    }
  }
  const values = [tenantId, streams, expected, keys, counts, eventIds, types, schemaVersions, `[${dataJson.join(',')}]`, metadataJson, recordedAt, hashes];
  return { name: APPEND_MANY_STATEMENT, text: APPEND_MANY_SQL, values };
}

/**
 * `eventstore.append_many(p_tenant, per item: p_streams, p_expected, p_keys, p_counts; per event,
 * items' events concatenated: p_event_ids, p_types, p_schema_versions, p_data (one jsonb array),
 * p_content_hashes; p_metadata, p_recorded_at shared)`: the items as if appended one after the
 * other in one transaction, but set-based: one statement claims the keys, one creates the new
 * streams, one moves the existing heads, one inserts every event. A lost race is not an error:
 * the loser's key or stream insert waits for the winner and then finds its row (duplicate,
 * conflict). Rows are taken in key and stream order so concurrent calls lock in one order.
 */
export function appendManyFunctionSql(): string {
  return `create or replace function eventstore.append_many(
    p_tenant uuid, p_streams text[], p_expected int[], p_keys text[], p_counts int[],
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb, p_metadata jsonb,
    p_recorded_at timestamptz, p_content_hashes bytea[])
  returns table (ord int, status text, stream_version int, global_position bigint)
  language plpgsql volatile security definer set search_path = eventstore, pg_temp
  as $fn$
  #variable_conflict use_column
  declare
    v_n int := coalesce(cardinality(p_streams), 0);
    v_events int := coalesce(cardinality(p_event_ids), 0);
    v_session text := nullif(current_setting('app.tenant_id', true), '');
    v_genesis bytea := decode(repeat('00', 32), 'hex');
    v_keyed boolean;
    v_invalid boolean;
    v_existing boolean;
    -- Per item: 0 pending, 1 appended, 2 duplicate, 3 conflict (ints: O(1) subscripts).
    v_status int[];
    v_heads bytea[];
    v_versions int[];
    v_final bytea[];
    v_positions bigint[];
    -- Per event: its chain hash, item and stream version.
    v_chains bytea[];
    v_item int[];
    v_version int[];
    v_chain bytea;
    v_at int := 0;
    v_total int := 0;
    v_bad int;
  begin
    if v_session is not null and v_session::uuid <> p_tenant then
      raise exception 'eventstore: tenant % is not the session tenant', p_tenant using errcode = '42501';
    end if;
    if coalesce(cardinality(p_expected), 0) <> v_n or coalesce(cardinality(p_keys), 0) <> v_n
       or coalesce(cardinality(p_counts), 0) <> v_n then
      raise exception 'eventstore: item arrays differ in length' using errcode = '22023';
    end if;
    if v_n = 0 then return; end if;
    select u.i into v_bad from unnest(p_streams) with ordinality u(s, i)
      where u.s is null or u.s not like p_tenant::text || '.%' limit 1;
    if found then
      raise exception 'eventstore: stream % does not belong to tenant %', p_streams[v_bad], p_tenant using errcode = '42501';
    end if;
    select coalesce(sum(u.n), -1), coalesce(bool_or(u.e is null or u.e < 0 or u.n is null or u.n < 1), true),
           coalesce(bool_or(u.k is not null), false), coalesce(bool_or(u.e > 0), false)
      into v_total, v_invalid, v_keyed, v_existing
      from unnest(p_counts, p_expected, p_keys) u(n, e, k);
    if v_invalid then
      raise exception 'eventstore: every item needs an expected version >= 0 and at least one event' using errcode = '22023';
    end if;
    if v_total <> v_events or coalesce(cardinality(p_types), 0) <> v_events
       or coalesce(cardinality(p_schema_versions), 0) <> v_events
       or coalesce(cardinality(p_content_hashes), 0) <> v_events
       or jsonb_typeof(p_data) is distinct from 'array' or jsonb_array_length(p_data) <> v_events then
      raise exception 'eventstore: event arrays differ in length' using errcode = '22023';
    end if;
    if (select count(distinct s) from unnest(p_streams) s) <> v_n
       or (v_keyed and (select count(k) <> count(distinct k) from unnest(p_keys) k)) then
      raise exception 'eventstore: a stream or idempotency key appears twice' using errcode = '22023';
    end if;

    -- 1. Keys. A key held by a concurrent call is waited for; taken already means duplicate.
    if v_keyed then
      with claimed as (
        insert into idempotency as i (tenant_id, key, stream_id)
          select p_tenant, u.k, u.s from unnest(p_keys, p_streams) u(k, s) where u.k is not null order by u.k
          on conflict do nothing
          returning i.key)
      select array_agg(case when u.k is null or c.key is not null then 0 else 2 end order by u.i)
        into v_status
        from unnest(p_keys) with ordinality u(k, i) left join claimed c on c.key = u.k;
    else
      v_status := array_fill(0, array[v_n]);
    end if;

    -- 2. Heads of the streams that must exist (read unlocked: the guarded update below locks).
    if v_existing then
      select array_agg(case when u.e = 0 then v_genesis
                            else (select s.head_hash from streams s where s.tenant_id = p_tenant and s.stream_id = u.sid) end order by u.i),
             array_agg(case when u.e = 0 then 0
                            else coalesce((select s.version from streams s where s.tenant_id = p_tenant and s.stream_id = u.sid), 0) end order by u.i)
        into v_heads, v_versions
        from unnest(p_streams, p_expected) with ordinality u(sid, e, i);
    end if;

    -- The chain is sequential per stream; each item is its stream's only one here.
    for i in 1..v_n loop
      v_chain := case when p_expected[i] = 0 then v_genesis else v_heads[i] end;
      if p_expected[i] > 0 and v_status[i] = 0 and (v_versions[i] <> p_expected[i] or v_chain is null) then
        v_status[i] := 3;
      end if;
      for k in 1..p_counts[i] loop
        v_at := v_at + 1;
        if v_chain is not null then v_chain := sha256(v_chain || p_content_hashes[v_at]); end if;
        v_chains[v_at] := v_chain;
        v_item[v_at] := i;
        v_version[v_at] := p_expected[i] + k;
      end loop;
      v_final[i] := v_chain;
    end loop;

    -- 3. New streams: a concurrent creator is waited for; if it committed, ours is a conflict.
    with created as (
      insert into streams as s (tenant_id, stream_id, version, head_hash, last_tx)
        select p_tenant, u.sid, u.n, u.final, pg_current_xact_id()
          from unnest(p_streams, p_counts, p_expected, v_final, v_status) u(sid, n, e, final, st)
          where u.st = 0 and u.e = 0
          order by u.sid
        on conflict do nothing
        returning s.stream_id)
    select array_agg(case when u.st <> 0 or u.e > 0 then u.st when c.stream_id is not null then 1 else 3 end order by u.i)
      into v_status
      from unnest(p_streams, p_expected, v_status) with ordinality u(sid, e, st, i) left join created c on c.stream_id = u.sid;

    -- 4. Existing streams, version-guarded: a concurrent appender is waited for and then re-checked.
    if v_existing then
      with moved as (
        update streams s set version = u.e + u.n, head_hash = u.final, last_tx = pg_current_xact_id()
          from (select * from unnest(p_streams, p_counts, p_expected, v_final, v_heads, v_status) u(sid, n, e, final, head, st)
                  where u.st = 0 and u.e > 0 order by u.sid) u
          where s.tenant_id = p_tenant and s.stream_id = u.sid and s.version = u.e and s.head_hash = u.head
            and (s.last_tx is null or s.last_tx <= pg_current_xact_id())
          returning s.stream_id)
      select array_agg(case when u.st <> 0 or u.e = 0 then u.st when m.stream_id is not null then 1 else 3 end order by u.i)
        into v_status
        from unnest(p_streams, p_expected, v_status) with ordinality u(sid, e, st, i) left join moved m on m.stream_id = u.sid;
      -- Catch-up readers order by transaction id: an older transaction appending after a newer
      -- one would be read out of order. Only possible inside a caller's long transaction.
      if exists (select 1 from unnest(p_streams, p_expected, v_status) u(sid, e, st) join streams s
                   on s.tenant_id = p_tenant and s.stream_id = u.sid
                  where u.st = 3 and u.e > 0 and s.version = u.e and s.last_tx > pg_current_xact_id()) then
        raise exception 'eventstore: a stream was appended by a newer transaction; retry the transaction' using errcode = '40001';
      end if;
    end if;

    -- A key claimed for an item that then lost its stream is given back (nobody saw it yet).
    if v_keyed then
      delete from idempotency i using unnest(p_keys, v_status) u(k, st)
        where u.st = 3 and u.k is not null and i.tenant_id = p_tenant and i.key = u.k;
    end if;

    -- 5. Every event of the winners, positions drawn in item then version order.
    with items as (select * from unnest(p_streams, v_status) with ordinality u(sid, st, i)),
    inserted as (
      insert into events as e (tenant_id, stream_id, stream_version, event_id, type, schema_version,
                               data, metadata, recorded_at, content_hash, chain_hash)
        select p_tenant, it.sid, x.version, x.event_id, x.type, x.schema_version,
               x.data, p_metadata, p_recorded_at, x.content_hash, x.chain
          from rows from (unnest(p_event_ids, p_types, p_schema_versions, p_content_hashes, v_chains, v_item, v_version),
                          jsonb_array_elements(p_data))
            with ordinality as x(event_id, type, schema_version, content_hash, chain, item, version, data, k)
          join items it on it.i = x.item
          where it.st = 1
          order by x.k
        returning e.stream_id, e.global_position),
    last as (select i.stream_id, max(i.global_position) as pos from inserted i group by i.stream_id),
    keyed as (
      update idempotency i set stream_version = u.e + u.n, global_position = l.pos
        from unnest(p_streams, p_keys, p_expected, p_counts) u(sid, k, e, n) join last l on l.stream_id = u.sid
        where u.k is not null and i.tenant_id = p_tenant and i.key = u.k
        returning 1)
    -- No NOTIFY here: it would take the cluster's notify lock through this commit's WAL flush.
    -- The adapter announces the positions after commit (AppendNotifier), as for append.
    select array_agg(l.pos order by it.i) into v_positions
      from items it left join last l on l.stream_id = it.sid;

    -- The answers: for a win its last event; for a duplicate the key's first result; for a conflict where the stream is.
    return query
      select u.i::int, case u.st when 1 then 'appended' when 2 then 'duplicate' else 'conflict' end,
             case u.st when 1 then u.e + u.n
                       when 2 then (select d.stream_version from idempotency d where d.tenant_id = p_tenant and d.key = u.k)
                       else coalesce((select s.version from streams s where s.tenant_id = p_tenant and s.stream_id = u.sid), 0) end,
             case u.st when 1 then u.pos
                       when 2 then (select d.global_position from idempotency d where d.tenant_id = p_tenant and d.key = u.k) end
        from unnest(p_streams, p_expected, p_counts, p_keys, v_status, v_positions) with ordinality u(sid, e, n, k, st, pos, i)
        order by u.i;
  end
  $fn$`;
}
