/**
 * `eventstore.append`: one round trip per append. Never raises for an expected outcome: a
 * version mismatch returns global_position null + actual_version, a repeated idempotency key
 * returns the first result with duplicate = true. Both races (two first appends of one stream,
 * two appends with one key) end in those results because every conflicting write waits for the
 * other transaction and is re-checked, and no event is written before the checks pass (the
 * stream row, locked by then, is put back if the key turns out to be taken).
 *
 * p_expected: a version, or 0 for "must not exist". -1 ("any") is refused: the content hashes
 * bind the stream version, so the caller must know the version it hashed for (the adapter
 * resolves 'any' by retrying with the actual version).
 */
/**
 * The adapter NOTIFYs this channel with the last global position an append wrote, once it has
 * committed (see AppendNotifier), so a listener (the worker) is woken when there is something new
 * to read instead of polling. Not from inside `eventstore.append`: a NOTIFY serializes the
 * commits of the transactions that send it (a cluster-wide lock held through the commit's flush).
 */
export const EVENTS_APPENDED_CHANNEL = 'eventstore_appended';

export function appendFunctionSql(): string {
  return `create or replace function eventstore.append(
    p_tenant uuid, p_stream text, p_expected int, p_key text,
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb, p_metadata jsonb,
    p_recorded_at timestamptz, p_content_hashes bytea[])
  returns table (stream_version int, global_position bigint, duplicate boolean, actual_version int)
  language plpgsql volatile security definer set search_path = eventstore, pg_temp
  as $fn$
  #variable_conflict use_column
  declare
    v_n int := coalesce(cardinality(p_event_ids), 0);
    v_version int;
    v_head bytea;
    v_created boolean := false;
    v_locked boolean := false;
    v_chain bytea;
    v_chains bytea[];
    v_pos bigint;
    v_last_tx xid8;
    v_session text := nullif(current_setting('app.tenant_id', true), '');
  begin
    if v_session is not null and v_session::uuid <> p_tenant then
      raise exception 'eventstore: tenant % is not the session tenant', p_tenant using errcode = '42501';
    end if;
    if p_stream is null or p_stream not like p_tenant::text || '.%' then
      raise exception 'eventstore: stream % does not belong to tenant %', p_stream, p_tenant using errcode = '42501';
    end if;
    if p_expected is null or p_expected < 0 then
      raise exception 'eventstore: expected version must be >= 0, got %', p_expected using errcode = '22023';
    end if;
    if coalesce(cardinality(p_types), 0) <> v_n or coalesce(cardinality(p_schema_versions), 0) <> v_n
       or jsonb_typeof(p_data) is distinct from 'array' or jsonb_array_length(p_data) <> v_n
       or coalesce(cardinality(p_content_hashes), 0) <> v_n then
      raise exception 'eventstore: event arrays differ in length' using errcode = '22023';
    end if;

    -- Fast path for the common append (one event, existing stream, no key): one statement that
    -- takes the stream row (version-guarded, so it waits for and then skips a concurrent
    -- appender) and inserts the event chained on the head it locked. Matching nothing (wrong
    -- version, no stream, a newer transaction's append) falls through to the general path,
    -- which tells those cases apart.
    if v_n = 1 and p_key is null and p_expected > 0 then
      with head as (
        update streams s set version = s.version + 1, head_hash = sha256(s.head_hash || p_content_hashes[1]),
                             last_tx = pg_current_xact_id()
          where s.tenant_id = p_tenant and s.stream_id = p_stream and s.version = p_expected
            and (s.last_tx is null or s.last_tx <= pg_current_xact_id())
          returning s.version, s.head_hash)
      insert into events (tenant_id, stream_id, stream_version, event_id, type, schema_version,
                          data, metadata, recorded_at, content_hash, chain_hash)
        select p_tenant, p_stream, h.version, p_event_ids[1], p_types[1], p_schema_versions[1],
               p_data->0, p_metadata, p_recorded_at, p_content_hashes[1], h.head_hash
          from head h
        returning events.global_position into v_pos;
      if found then
        stream_version := p_expected + 1;
        global_position := v_pos;
        duplicate := false;
        actual_version := p_expected + 1;
        return next;
        return;
      end if;
    end if;

    if p_key is not null then
      return query select i.stream_version, i.global_position, true, i.stream_version
        from idempotency i where i.tenant_id = p_tenant and i.key = p_key;
      if found then return; end if;
    end if;

    if p_expected = 0 then
      -- Waits for a concurrent creator; if it commits, this does nothing and the check below fails.
      insert into streams as s (tenant_id, stream_id, version, head_hash)
        values (p_tenant, p_stream, 0, decode(repeat('00', 32), 'hex'))
        on conflict do nothing
        returning s.version, s.head_hash into v_version, v_head;
      v_created := found;
    end if;
    if not v_created then
      -- Read without a lock: the version-guarded update below takes the lock, and matches
      -- nothing if another append got in between (a FOR UPDATE here would cost a WAL record).
      select s.version, s.head_hash, s.last_tx into v_version, v_head, v_last_tx
        from streams s where s.tenant_id = p_tenant and s.stream_id = p_stream;
      if not found then v_version := 0; end if;
    end if;

    if v_version = p_expected and v_head is not null then
      -- Catch-up readers order by transaction id: an older transaction appending after a newer
      -- one on the same stream would be read before the earlier version. Only possible inside
      -- a caller's long transaction; it must be retried as a whole.
      if v_last_tx > pg_current_xact_id() then
        raise exception 'eventstore: stream % was appended by a newer transaction; retry the transaction', p_stream
          using errcode = '40001';
      end if;

      if v_n = 0 then
        if v_created then delete from streams s where s.tenant_id = p_tenant and s.stream_id = p_stream; end if;
        return query select v_version, coalesce((select e.global_position from events e
            where e.tenant_id = p_tenant and e.stream_id = p_stream and e.stream_version = v_version), 0::bigint),
          false, v_version;
        return;
      end if;

      -- The chain is inherently sequential, the insert is not: one statement for the whole batch.
      v_chain := v_head;
      for k in 1..v_n loop
        v_chain := sha256(v_chain || p_content_hashes[k]);
        v_chains[k] := v_chain;
      end loop;
      -- Waits for a concurrent appender; if it commits, the version no longer matches.
      update streams s set version = v_version + v_n, head_hash = v_chain, last_tx = pg_current_xact_id()
        where s.tenant_id = p_tenant and s.stream_id = p_stream and s.version = v_version;
      v_locked := found;
      if not v_locked then
        v_version := coalesce((select s.version from streams s where s.tenant_id = p_tenant and s.stream_id = p_stream), 0);
      end if;
    end if;

    if not v_locked then
      -- The same key may have committed on this stream before us.
      if p_key is not null then
        return query select i.stream_version, i.global_position, true, i.stream_version
          from idempotency i where i.tenant_id = p_tenant and i.key = p_key;
        if found then return; end if;
      end if;
      return query select v_version, null::bigint, false, v_version;
      return;
    end if;

    if p_key is not null then
      -- Waits for a concurrent holder of the key (on another stream); if it committed, we are
      -- the duplicate and undo the only write made so far (still locked: nobody saw it).
      insert into idempotency (tenant_id, key, stream_id) values (p_tenant, p_key, p_stream)
        on conflict do nothing;
      if not found then
        if v_created then
          delete from streams s where s.tenant_id = p_tenant and s.stream_id = p_stream;
        else
          update streams s set version = v_version, head_hash = v_head, last_tx = v_last_tx
            where s.tenant_id = p_tenant and s.stream_id = p_stream;
        end if;
        return query select i.stream_version, i.global_position, true, i.stream_version
          from idempotency i where i.tenant_id = p_tenant and i.key = p_key;
        return;
      end if;
    end if;

    -- Ordered by ordinality, so positions are drawn in version order; the last version has the max.
    with inserted as (
      insert into events (tenant_id, stream_id, stream_version, event_id, type, schema_version,
                          data, metadata, recorded_at, content_hash, chain_hash)
        select p_tenant, p_stream, v_version + u.k::int, u.event_id, u.type, u.schema_version,
               u.data, p_metadata, p_recorded_at, u.content_hash, u.chain_hash
          from rows from (unnest(p_event_ids, p_types, p_schema_versions, p_content_hashes, v_chains),
                          jsonb_array_elements(p_data))
            with ordinality as u(event_id, type, schema_version, content_hash, chain_hash, data, k)
          order by u.k
        returning global_position)
    select max(i.global_position) into v_pos from inserted i;
    if p_key is not null then
      update idempotency i set stream_version = v_version + v_n, global_position = v_pos
        where i.tenant_id = p_tenant and i.key = p_key;
    end if;
    return query select v_version + v_n, v_pos, false, v_version + v_n;
  end
  $fn$`;
}

/**
 * `eventstore.append_batch`: several appends in one call, hence in one transaction (one commit,
 * one WAL flush), for the adapter's group commit. Appends are taken in array order (the adapter
 * sorts them by tenant and stream, so concurrent batches lock streams in one order), each through
 * `eventstore.append` with its own tenant check, so the result rows are what separate calls in one
 * transaction would return: append i sees appends 1..i-1 (same stream, same idempotency key).
 * An exception from any append aborts them all; nothing is committed, the caller retries them one
 * by one.
 *
 * Per append: p_tenants, p_streams, p_expected, p_keys, p_counts (its number of events),
 * p_recorded_at, and one element of p_data (a jsonb array of per-append event arrays) and of
 * p_metadata (a jsonb array). Per event, all appends' events concatenated in append order:
 * p_event_ids, p_types, p_schema_versions, p_content_hashes.
 */
export function appendBatchFunctionSql(): string {
  return `create or replace function eventstore.append_batch(
    p_tenants uuid[], p_streams text[], p_expected int[], p_keys text[], p_counts int[],
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb, p_metadata jsonb,
    p_recorded_at timestamptz[], p_content_hashes bytea[])
  returns table (ord int, stream_version int, global_position bigint, duplicate boolean, actual_version int)
  language plpgsql volatile security definer set search_path = eventstore, pg_temp
  as $fn$
  #variable_conflict use_column
  declare
    v_n int := coalesce(cardinality(p_tenants), 0);
    v_events int := coalesce(cardinality(p_event_ids), 0);
    v_total int := 0;
    v_at int := 0;
    v_c int;
  begin
    if coalesce(cardinality(p_streams), 0) <> v_n or coalesce(cardinality(p_expected), 0) <> v_n
       or coalesce(cardinality(p_keys), 0) <> v_n or coalesce(cardinality(p_counts), 0) <> v_n
       or coalesce(cardinality(p_recorded_at), 0) <> v_n
       or jsonb_typeof(p_data) is distinct from 'array' or jsonb_array_length(p_data) <> v_n
       or jsonb_typeof(p_metadata) is distinct from 'array' or jsonb_array_length(p_metadata) <> v_n then
      raise exception 'eventstore: append arrays differ in length' using errcode = '22023';
    end if;
    for i in 1..v_n loop
      if p_counts[i] is null or p_counts[i] < 0 then
        raise exception 'eventstore: event count must be >= 0, got %', p_counts[i] using errcode = '22023';
      end if;
      v_total := v_total + p_counts[i];
    end loop;
    if v_total <> v_events or coalesce(cardinality(p_types), 0) <> v_events
       or coalesce(cardinality(p_schema_versions), 0) <> v_events
       or coalesce(cardinality(p_content_hashes), 0) <> v_events then
      raise exception 'eventstore: event arrays differ in length' using errcode = '22023';
    end if;
    for i in 1..v_n loop
      v_c := p_counts[i];
      return query select i, a.stream_version, a.global_position, a.duplicate, a.actual_version
        from eventstore.append(p_tenants[i], p_streams[i], p_expected[i], p_keys[i],
          p_event_ids[v_at + 1 : v_at + v_c], p_types[v_at + 1 : v_at + v_c],
          p_schema_versions[v_at + 1 : v_at + v_c], p_data -> (i - 1), p_metadata -> (i - 1),
          p_recorded_at[i], p_content_hashes[v_at + 1 : v_at + v_c]) a;
      v_at := v_at + v_c;
    end loop;
  end
  $fn$`;
}
