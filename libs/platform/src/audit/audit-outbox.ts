import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventMetadata, EventStore, NewEvent, streamIdFor } from '@workbay/eventstore';
import { Pool } from 'pg';
import { RequestContext } from '../context/request-context';
import { SYSTEM_POOL } from '../database/system-pool';

interface StagedRow {
  id: string;
  stream_id: string;
  events: NewEvent[];
  metadata: EventMetadata;
}

/**
 * The audit trail of identity changes (platform.tenants / users are tables: login needs them
 * before any projection could catch up). `stage` writes the events in the change's own
 * transaction, so a committed change always has its events; `flush` then appends them to the
 * tenant's stream in the order they were staged and clears them. Each staged row appends under
 * its own idempotency key, so a flush cut short (crash, store down) and the worker's sweep that
 * finishes it never append one twice.
 */
@Injectable()
export class AuditOutbox {
  private readonly logger = new Logger('AuditOutbox');

  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
  ) {}

  /**
   * In the transaction of the change (TenantDb.run for `tenantId`), onto the tenant's own stream.
   * Returns whether anything was staged: with nothing staged there is nothing to flush.
   */
  async stage(em: EntityManager, tenantId: string, actor: string, events: NewEvent[]): Promise<boolean> {
    if (events.length === 0) return false;
    const metadata: EventMetadata = { actor, correlationId: this.context.correlationId };
    await em.execute(`insert into platform.audit_outbox (tenant_id, stream_id, events, metadata) values (?, ?, ?::jsonb, ?::jsonb)`, [
      tenantId, streamIdFor(tenantId, 'tenant', tenantId), JSON.stringify(events), JSON.stringify(metadata),
    ]);
    return true;
  }

  /**
   * After the change committed. Never fails the request that made it: what is left staged, the
   * worker's sweep appends.
   */
  async flushAfterCommit(tenantId: string): Promise<void> {
    await this.flush(tenantId).catch((error) =>
      this.logger.warn({ msg: 'audit events stay staged; the worker will append them', tenantId, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** Appends the tenant's staged events, oldest first, and clears them. One flusher per tenant at a time keeps the order. */
  async flush(tenantId: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select pg_advisory_xact_lock(hashtextextended('workbay.audit-outbox:' || $1, 0))`, [tenantId]);
      const { rows } = await client.query<StagedRow>(
        `select id, stream_id, events, metadata from platform.audit_outbox where tenant_id = $1 order by id`, [tenantId],
      );
      for (const row of rows) {
        await this.store.append(tenantId, row.stream_id, row.events, { expectedVersion: 'any', idempotencyKey: `audit-outbox:${row.id}`, metadata: row.metadata });
        await client.query(`delete from platform.audit_outbox where id = $1`, [row.id]);
      }
      await client.query('commit');
      return rows.length;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Tenants with events staged longer than `olderThanMs` ago: their request did not flush them. */
  async stale(olderThanMs: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ tenant_id: string }>(
      `select distinct tenant_id from platform.audit_outbox where created_at < now() - $1 * interval '1 millisecond'`, [olderThanMs],
    );
    return rows.map((r) => r.tenant_id);
  }
}
