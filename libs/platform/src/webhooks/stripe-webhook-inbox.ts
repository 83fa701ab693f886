import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { AppConfig } from '../config/config';
import { RequestContext } from '../context/request-context';
import { createPool } from '../database/system-pool';
import { StripeWebhookEvent, StripeWebhookHandlers } from './stripe-webhook-handlers';
import { StripeWebhookJob } from './stripe-webhook-queue';

/** Jobs one worker process runs at once; each holds one connection of the inbox pool. */
export const STRIPE_WEBHOOK_CONCURRENCY = 4;

export type InboxOutcome = 'processed' | 'already-processed' | 'not-in-inbox';

export interface StaleInboxRow {
  eventId: string;
  tenantId: string | null;
}

/**
 * The worker's side of platform.stripe_webhook_events: runs the registered handlers for one
 * stored event at most once to completion, whatever Redis delivers.
 *
 * Exactly-once effect over at-least-once jobs: one transaction locks the inbox row (`for update`),
 * returns early when processed_at is already set, runs the handlers and sets processed_at before
 * committing. A second job for the same event waits on the row lock and then sees it processed;
 * a handler error rolls back (processed_at stays null), records attempts/last_error and rethrows
 * so BullMQ retries; a crash releases the lock with the connection.
 *
 * The payload is read from the row (verified by the intake), never from the job. The row lock is
 * held on a pool of its own: handlers append through the system pool, and locks holding every
 * connection of that pool while their handlers wait for one would deadlock.
 */
@Injectable()
export class StripeWebhookInbox implements OnApplicationShutdown {
  private readonly logger = new Logger('StripeWebhooks');
  private readonly pool: Pool;

  constructor(
    config: AppConfig,
    private readonly handlers: StripeWebhookHandlers,
    private readonly context: RequestContext,
  ) {
    this.pool = createPool(config.SYSTEM_DATABASE_URL, STRIPE_WEBHOOK_CONCURRENCY + 1);
  }

  async process(job: StripeWebhookJob): Promise<InboxOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A job behind a long handler of the same event gives up and is retried by BullMQ.
      await client.query(`set local lock_timeout = '15s'`);
      const { rows: [row] } = await client.query<{ payload: StripeWebhookEvent; processed_at: Date | null; tenant_id: string | null }>(
        `select payload, processed_at, tenant_id from platform.stripe_webhook_events where event_id = $1 for update`, [job.eventId],
      );
      if (!row || row.processed_at) {
        await client.query('commit');
        if (!row) this.logger.warn({ msg: 'Stripe webhook job for an event the inbox does not hold; ignored', eventId: job.eventId });
        return row ? 'already-processed' : 'not-in-inbox';
      }
      const event = row.payload;
      // The account may have been connected after the event arrived (Stripe can be faster than our update).
      const tenantId = row.tenant_id ?? (event.account ? await tenantOf(client, event.account) : null);
      if (job.tenantId && job.tenantId !== tenantId) {
        this.logger.warn({ msg: 'Stripe webhook job names another tenant than the inbox; the inbox wins', eventId: job.eventId, jobTenant: job.tenantId, tenantId });
      }
      await this.dispatch(event, tenantId);
      await client.query(
        `update platform.stripe_webhook_events set processed_at = now(), tenant_id = $2, attempts = attempts + 1, last_error = null where event_id = $1`,
        [job.eventId, tenantId],
      );
      await client.query('commit');
      return 'processed';
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      // Another job of the same event holds the row: not this event's failure; the retry will find it done.
      if ((error as { code?: string }).code !== '55P03') await this.recordFailure(job, error);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Rows still unprocessed `olderThanMs` after they arrived, oldest first. Only the last 3 days:
   * Stripe stops retrying an event then too, and a row that old needs a person (or a reconcile
   * from Stripe's Events API), not another job.
   */
  async stale(olderThanMs: number, limit = 100): Promise<StaleInboxRow[]> {
    const { rows } = await this.pool.query<{ event_id: string; tenant_id: string | null }>(
      `select event_id, tenant_id from platform.stripe_webhook_events
        where processed_at is null and received_at < now() - make_interval(secs => $1) and received_at > now() - interval '3 days'
        order by received_at limit $2`,
      [olderThanMs / 1000, limit],
    );
    return rows.map((r) => ({ eventId: r.event_id, tenantId: r.tenant_id }));
  }

  async onApplicationShutdown() {
    await this.pool.end();
  }

  private async recordFailure(job: StripeWebhookJob, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    await this.pool.query(
      `update platform.stripe_webhook_events set attempts = attempts + 1, last_error = $2 where event_id = $1`, [job.eventId, message.slice(0, 2000)],
    ).catch(() => undefined);
    this.logger.error({ msg: 'Stripe webhook handler failed; the job will be retried', eventId: job.eventId, tenantId: job.tenantId ?? undefined, error: message });
  }

  private async dispatch(event: StripeWebhookEvent, tenantId: string | null): Promise<void> {
    if (!event.account) {
      for (const handler of this.handlers.forPlatform(event.type)) await handler(event);
      return;
    }
    if (!tenantId) {
      // Done with (retrying cannot help) and kept in the inbox for inspection.
      this.logger.warn({ msg: 'Stripe event for an account no tenant has connected; stored, not dispatched', eventId: event.id, type: event.type, account: event.account });
      return;
    }
    for (const [i, handler] of this.handlers.forConnected(event.type).entries()) {
      const act = {
        actor: 'system:stripe-webhook',
        correlationId: event.id,
        causationId: event.id,
        idempotencyKey: i === 0 ? event.id : `${event.id}:${i}`,
      };
      await this.context.runAsSystemFor(tenantId, act, async () => handler(event, { tenantId }));
    }
  }
}

async function tenantOf(client: PoolClient, account: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(`select id from platform.tenants where stripe_account_id = $1`, [account]);
  return rows[0]?.id ?? null;
}
