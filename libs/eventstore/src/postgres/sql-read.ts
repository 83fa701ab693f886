/**
 * Read functions. SECURITY DEFINER so the app role needs no table privilege; every per-tenant
 * one filters by p_tenant AND, when the session names a tenant (`app.tenant_id`), by that one
 * too, so a session scoped to tenant A gets nothing for tenant B whatever it passes.
 */
const DEFINER = `security definer set search_path = eventstore, pg_temp`;
const SESSION_TENANT_MATCHES = `(nullif(current_setting('app.tenant_id', true), '') is null
      or nullif(current_setting('app.tenant_id', true), '')::uuid = p_tenant)`;

export function readFunctionsSql(): string[] {
  return [
    // plpgsql, not SQL: a SECURITY DEFINER SQL function is never inlined, and PostgreSQL 15 plans
    // its body again on every call; plpgsql keeps the plan per session (half the server's time
    // per read, measured with pgbench). Every command that is not a creation reads its stream.
    `create or replace function eventstore.read_stream(p_tenant uuid, p_stream text, p_from_version int, p_until timestamptz)
    returns setof eventstore.events language plpgsql stable ${DEFINER} as $fn$
    begin
      return query select e.* from eventstore.events e
      where e.tenant_id = p_tenant and e.stream_id = p_stream
        and e.stream_version >= coalesce(p_from_version, 1)
        and (p_until is null or e.recorded_at <= p_until)
        and ${SESSION_TENANT_MATCHES}
      order by e.stream_version;
    end
    $fn$`,
    `create or replace function eventstore.read_tenant(p_tenant uuid, p_after bigint, p_limit int)
    returns setof eventstore.events language sql stable ${DEFINER} as $fn$
      select e.* from eventstore.events e
      where e.tenant_id = p_tenant and e.global_position > coalesce(p_after, 0)
        and ${SESSION_TENANT_MATCHES}
      order by e.global_position
      limit p_limit
    $fn$`,
    // A transaction may take a smaller position yet commit after one with a larger position, so
    // a reader ordered by position would step over it. Only transactions older than the oldest
    // still running one are returned, in (xid, position) order: nothing can appear behind the
    // checkpoint any more.
    `create or replace function eventstore.read_all(p_tx xid8, p_pos bigint, p_limit int)
    returns setof eventstore.events language sql stable ${DEFINER} as $fn$
      select e.* from eventstore.events e
      where (e.tx_id, e.global_position) > (coalesce(p_tx, '0'::xid8), coalesce(p_pos, 0))
        and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
      order by e.tx_id, e.global_position
      limit p_limit
    $fn$`,
    // plpgsql for its cached plan, like read_stream: asked by every read that waits for a position.
    `create or replace function eventstore.is_checkpoint_past(p_tx xid8, p_pos bigint, p_position bigint)
    returns boolean language plpgsql stable ${DEFINER} as $fn$
    begin
      return coalesce((select (e.tx_id, e.global_position) <= (p_tx, p_pos)
        from eventstore.events e where e.global_position = p_position), false);
    end
    $fn$`,
    // Every stream of the tenant: those with a head, and those whose head is gone (version null).
    `create or replace function eventstore.stream_heads(p_tenant uuid)
    returns table (stream_id text, version int, head_hash bytea) language sql stable ${DEFINER} as $fn$
      select coalesce(s.stream_id, e.stream_id), s.version, s.head_hash
      from (select s.stream_id, s.version, s.head_hash from eventstore.streams s where s.tenant_id = p_tenant) s
      full join (select distinct e.stream_id from eventstore.events e where e.tenant_id = p_tenant) e on e.stream_id = s.stream_id
      order by coalesce(s.stream_id, e.stream_id) collate "C"
    $fn$`,
    // The events of some streams of a tenant as stored, for the verifier: by stream, then version.
    `create or replace function eventstore.read_streams(p_tenant uuid, p_streams text[])
    returns setof eventstore.events language sql stable ${DEFINER} as $fn$
      select e.* from eventstore.events e
      where e.tenant_id = p_tenant and e.stream_id = any(p_streams)
      order by e.stream_id, e.stream_version, e.global_position
    $fn$`,
  ];
}
