import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { AppConfig } from '../config/config';
import { SYSTEM_POOL } from '../database/system-pool';
import { AppError } from '../errors/errors';
import { StripeWebhookEvent } from './stripe-webhook-handlers';
import { StripeWebhookQueue } from './stripe-webhook-queue';

export class WebhookSignatureInvalid extends AppError {
  readonly status = 400;
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';
  constructor(message: string) {
    super(message, [{ field: 'Stripe-Signature', message }]);
  }
}

export interface WebhookReceipt {
  received: true;
  /** The inbox already held this event id (a redelivery); nothing new was stored. */
  duplicate: boolean;
}

/**
 * Stripe webhook intake, kept fast so Stripe does not time out and retry: verify the raw body's
 * signature, store the event once in platform.stripe_webhook_events (`on conflict do nothing`),
 * enqueue a job named by the event id for the worker (StripeWebhookInbox runs the handlers), and
 * answer 202.
 *
 * Once the row is stored the event will be processed: if Redis is down or slow the request
 * still answers 202 and the worker's sweeper enqueues the row later. An event already processed
 * is not enqueued again. The inbox goes through the system role: the tenant is not known until
 * the event's account is looked up.
 */
@Injectable()
export class StripeWebhookIntake {
  private readonly logger = new Logger('StripeWebhooks');

  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly queue: StripeWebhookQueue,
  ) {}

  verify(rawBody: Buffer | undefined, signature: string | undefined): StripeWebhookEvent {
    if (!signature) throw new WebhookSignatureInvalid('the Stripe-Signature header is missing');
    if (!rawBody?.length) throw new WebhookSignatureInvalid('the request has no raw JSON body to verify');
    try {
      // The SDK's static verifier: the intake needs the signing scheme, not a configured API client.
      return Stripe.webhooks.constructEvent(rawBody, signature, this.config.STRIPE_WEBHOOK_SECRET) as unknown as StripeWebhookEvent;
    } catch (error) {
      throw new WebhookSignatureInvalid(error instanceof Error ? error.message.split('\n')[0] : 'signature verification failed');
    }
  }

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const event = this.verify(rawBody, signature);
    const tenantId = event.account ? await this.tenantOf(event.account) : null;
    // The outer select runs on the statement's snapshot: it sees a row stored earlier, not the one inserted here.
    const { rows: [stored] } = await this.pool.query<{ inserted: boolean; processed: boolean | null }>(
      `with inserted as (
         insert into platform.stripe_webhook_events (event_id, type, account, tenant_id, payload) values ($1, $2, $3, $4, $5)
         on conflict (event_id) do nothing returning event_id)
       select exists (select 1 from inserted) as inserted,
              (select processed_at is not null from platform.stripe_webhook_events where event_id = $1) as processed`,
      [event.id, event.type, event.account ?? null, tenantId, JSON.stringify(event)],
    );
    if (!stored.processed) {
      try {
        await this.queue.enqueue({ eventId: event.id, tenantId });
      } catch (error) {
        this.logger.warn({
          msg: 'Stripe event stored but not enqueued; the worker\'s sweeper will pick it up', eventId: event.id, type: event.type,
          tenantId: tenantId ?? undefined, error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return { received: true, duplicate: !stored.inserted };
  }

  private async tenantOf(account: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(`select id from platform.tenants where stripe_account_id = $1`, [account]);
    return rows[0]?.id ?? null;
  }
}
