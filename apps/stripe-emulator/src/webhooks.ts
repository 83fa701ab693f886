import { signatureHeader } from './signature';
import { StripeObject } from './state';

export interface StripeEvent extends StripeObject {
  object: 'event';
  type: string;
  created: number;
  account?: string;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
}

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  status: number | 'network-error';
  at: number;
}

/**
 * Sends events to the configured endpoint as Stripe does: a JSON POST signed with
 * `Stripe-Signature`, retried with backoff while the endpoint answers non-2xx (Stripe keeps
 * trying for three days; here the delays are configurable and short).
 */
export class WebhookSender {
  readonly attempts: DeliveryAttempt[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(public endpoint: WebhookEndpoint | undefined, private readonly retryDelaysMs: number[]) {}

  /** Fire and forget (with retries); `idle()` waits for every delivery under way. */
  enqueue(event: StripeEvent): void {
    if (!this.endpoint) return;
    const p = this.deliver(event).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Delivers now, retrying as configured; resolves with the last status. */
  async deliver(event: StripeEvent): Promise<number | 'network-error' | 'no-endpoint'> {
    let status: number | 'network-error' | 'no-endpoint' = 'no-endpoint';
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      const endpoint = this.endpoint;
      if (!endpoint) return 'no-endpoint';
      if (attempt > 0) await sleep(this.retryDelaysMs[attempt - 1]);
      // Each attempt is signed afresh: Stripe's signature carries the time of sending.
      const payload = JSON.stringify(event, null, 2);
      try {
        const res = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': signatureHeader(payload, endpoint.secret),
          },
          body: payload,
          signal: AbortSignal.timeout(20_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        status = res.status;
      } catch {
        status = 'network-error';
      }
      this.attempts.push({ eventId: event.id, type: event.type, attempt: attempt + 1, status, at: Date.now() });
      if (typeof status === 'number' && status >= 200 && status < 300) return status;
    }
    return status;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
