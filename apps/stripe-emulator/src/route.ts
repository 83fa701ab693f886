import { Params } from './form';
import { AccountScope, EmulatorState, StripeObject } from './state';
import { StripeEvent, WebhookSender } from './webhooks';

/** What a resource sees of the emulator: its state, the event log and webhook delivery. */
export interface EmulatorCore {
  readonly state: EmulatorState;
  readonly events: StripeEvent[];
  readonly webhooks: WebhookSender;
  /** Records a state change as an event and sends it to the webhook endpoint. */
  emit(type: string, object: StripeObject, account: AccountScope, previous?: Record<string, unknown>): StripeEvent;
}

export interface ApiRequest {
  method: string;
  path: string;
  /** Form body (POST) or query string (GET), nested as Stripe reads it. */
  params: Params;
  /** `Stripe-Account`: the connected account the call acts on, or null for the platform. */
  account: AccountScope;
  /** Capture groups of the route's path pattern. */
  match: string[];
  requestId: string;
  idempotencyKey?: string;
}

/** One endpoint; each resource file exports a list of these. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  /** Emulator controls: no API key, no account scoping, no idempotency. */
  control?: boolean;
  handle(req: ApiRequest, emulator: EmulatorCore): unknown;
}
