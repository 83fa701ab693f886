import { Injectable } from '@nestjs/common';

/** A verified Stripe event as delivered (`account` is set for events of a connected account). */
export interface StripeWebhookEvent {
  id: string;
  type: string;
  created: number;
  account?: string;
  livemode?: boolean;
  data: { object: { id: string; object: string } & Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

export interface StripeEventDispatch {
  /** The tenant whose connected account the event is about (also in RequestContext). */
  tenantId: string;
}

export type StripeEventHandler = (event: StripeWebhookEvent, dispatch: StripeEventDispatch) => Promise<void> | void;
export type StripePlatformEventHandler = (event: StripeWebhookEvent) => Promise<void> | void;

/**
 * Where contexts subscribe to Stripe webhooks, e.g. in a provider's onModuleInit:
 *   handlers.on('payment_intent.succeeded', async (event) => {
 *     const intent = await gateway.retrievePaymentIntent(event.account!, event.data.object.id);
 *     if (intent.status === 'succeeded') await commands.execute(new RecordPayment(..., intent.amountReceivedMinor, 'stripe', intent.id));
 *   });
 * Money never moves on the body alone: the signature proves who sent it, not that it is true now
 * (a leaked secret, a replay); re-fetch the object and act on what Stripe says.
 * A handler for a connected-account event runs inside the tenant's context as
 * `system:stripe-webhook`, with correlation/causation id = the event id and the idempotency key
 * = the event id (`<event id>:<n>` for the n-th further handler of the same type), so a command
 * it executes appends once however often Stripe redelivers. It runs at most once per event
 * after it succeeded; if it throws, Stripe's retry runs every handler of the type again, so
 * handlers must be idempotent (through those keys) rather than assume a first run.
 */
@Injectable()
export class StripeWebhookHandlers {
  private readonly connected = new Map<string, StripeEventHandler[]>();
  private readonly platform = new Map<string, StripePlatformEventHandler[]>();

  /** Events of a tenant's connected account. Returns a function that unregisters the handler. */
  on(type: string, handler: StripeEventHandler): () => void {
    return add(this.connected, type, handler);
  }

  /** Events of the platform's own Stripe account (no `account`; e.g. our billing of tenants): no tenant context is set. */
  onPlatform(type: string, handler: StripePlatformEventHandler): () => void {
    return add(this.platform, type, handler);
  }

  forConnected(type: string): readonly StripeEventHandler[] {
    return this.connected.get(type) ?? [];
  }

  forPlatform(type: string): readonly StripePlatformEventHandler[] {
    return this.platform.get(type) ?? [];
  }
}

function add<H>(map: Map<string, H[]>, type: string, handler: H): () => void {
  map.set(type, [...(map.get(type) ?? []), handler]);
  return () => map.set(type, (map.get(type) ?? []).filter((h) => h !== handler));
}
