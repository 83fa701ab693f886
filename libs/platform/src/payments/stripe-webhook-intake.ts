import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { AppConfig } from '../config/config';
import { RequestContext } from '../context/request-context';
import { SYSTEM_POOL } from '../database/system-pool';
import { AppError, ConflictError } from '../errors/errors';
import { STRIPE_CLIENT } from './stripe-client';
import { StripeWebhookEvent, StripeWebhookHandlers } from './stripe-webhook-handlers';

export class WebhookSignatureInvalid extends AppError {
  readonly status = 400;
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';
  constructor(message: string) {
    super(message, [{ field: 'Stripe-Signature', message }]);
  }
}

export interface WebhookReceipt {
  received: true;
  duplicate: boolean;
  dispatched: boolean;
}

/**
 * Stripe webhook intake: verify the raw body's signature, store the event id once in
 * platform.stripe_webhook_events, then run the registered handlers in the event's tenant context
 * at most once to completion.
 *
 * Exactly-once processing over at-least-once delivery: the insert is `on conflict do nothing`,
 * then one transaction locks the inbox row (`for update`), returns early when processed_at is
 * already set, runs the handlers and sets processed_at before committing. A second delivery of
 * the same event that arrives meanwhile waits on the row lock and then sees it processed; a
 * handler error rolls back (processed_at stays null) and answers 500 so Stripe retries; a crash
 * releases the lock with the connection. The inbox goes through the system role: the tenant is
 * not known until the event's account is looked up.
 */
@Injectable()
export class StripeWebhookIntake {
  private readonly logger = new Logger('StripeWebhooks');

  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe,
    private readonly config: AppConfig,
    private readonly handlers: StripeWebhookHandlers,
    private readonly context: RequestContext,
  ) {}

  verify(rawBody: Buffer | undefined, signature: string | undefined): StripeWebhookEvent {
    if (!signature) throw new WebhookSignatureInvalid('the Stripe-Signature header is missing');
    if (!rawBody?.length) throw new WebhookSignatureInvalid('the request has no raw JSON body to verify');
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signature, this.config.STRIPE_WEBHOOK_SECRET) as unknown as StripeWebhookEvent;
    } catch (error) {
      throw new WebhookSignatureInvalid(error instanceof Error ? error.message.split('\n')[0] : 'signature verification failed');
    }
  }

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const event = this.verify(rawBody, signature);
    const tenantId = event.account ? await this.tenantOf(event.account) : null;
    await this.pool.query(
      `insert into platform.stripe_webhook_events (event_id, type, account, tenant_id, payload) values ($1, $2, $3, $4, $5)
       on conflict (event_id) do nothing`,
      [event.id, event.type, event.account ?? null, tenantId, JSON.stringify(event)],
    );
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A delivery waiting behind a long handler gives up and lets Stripe retry later (409).
      await client.query(`set local lock_timeout = '15s'`);
      const { rows: [row] } = await client.query<{ processed_at: Date | null; tenant_id: string | null }>(
        `select processed_at, tenant_id from platform.stripe_webhook_events where event_id = $1 for update`, [event.id],
      );
      if (row.processed_at) {
        await client.query('commit');
        return { received: true, duplicate: true, dispatched: false };
      }
      const tenant = row.tenant_id ?? tenantId;
      const dispatched = await this.dispatch(event, tenant);
      await client.query(
        `update platform.stripe_webhook_events set processed_at = now(), tenant_id = $2, attempts = attempts + 1, last_error = null where event_id = $1`,
        [event.id, tenant],
      );
      await client.query('commit');
      return { received: true, duplicate: false, dispatched };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      if ((error as { code?: string }).code === '55P03') {
        throw new ConflictError(`Stripe event ${event.id} is being processed by another delivery`, 'WEBHOOK_IN_PROGRESS');
      }
      const message = error instanceof Error ? error.message : String(error);
      await this.pool.query(
        `update platform.stripe_webhook_events set attempts = attempts + 1, last_error = $2 where event_id = $1`, [event.id, message.slice(0, 2000)],
      ).catch(() => undefined);
      this.logger.error({ msg: 'Stripe webhook handler failed; Stripe will retry', eventId: event.id, type: event.type, tenantId: tenantId ?? undefined, error: message });
      throw error;
    } finally {
      client.release();
    }
  }

  private async tenantOf(account: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(`select id from platform.tenants where stripe_account_id = $1`, [account]);
    return rows[0]?.id ?? null;
  }

  private async dispatch(event: StripeWebhookEvent, tenantId: string | null): Promise<boolean> {
    if (!event.account) {
      for (const handler of this.handlers.forPlatform(event.type)) await handler(event);
      return this.handlers.forPlatform(event.type).length > 0;
    }
    if (!tenantId) {
      // Acknowledged (Stripe would retry for days otherwise) and kept in the inbox for inspection.
      this.logger.warn({ msg: 'Stripe event for an account no tenant has connected; stored, not dispatched', eventId: event.id, type: event.type, account: event.account });
      return false;
    }
    const handlers = this.handlers.forConnected(event.type);
    for (const [i, handler] of handlers.entries()) {
      const act = {
        actor: 'system:stripe-webhook',
        correlationId: event.id,
        causationId: event.id,
        idempotencyKey: i === 0 ? event.id : `${event.id}:${i}`,
      };
      await this.context.runAsSystemFor(tenantId, act, async () => handler(event, { tenantId }));
    }
    return handlers.length > 0;
  }
}
