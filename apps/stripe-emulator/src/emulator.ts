import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { StripeApiError } from './errors';
import { parseForm, Params } from './form';
import { accountRoutes } from './resources/accounts';
import { controlRoutes } from './resources/emulator-controls';
import { customerRoutes } from './resources/customers';
import { eventRoutes } from './resources/events';
import { chargeRoutes, paymentIntentRoutes } from './resources/payment-intents';
import { refundControlRoutes, refundRoutes } from './resources/refunds';
import { disputeControlRoutes, disputeRoutes } from './resources/disputes';
import { ApiRequest, EmulatorCore, Route } from './route';
import { AccountScope, EmulatorState, nowSeconds, stripeId, StripeObject } from './state';
import { StripeEvent, WebhookEndpoint, WebhookSender } from './webhooks';

export const EMULATOR_API_VERSION = '2025-10-29.clover';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Where to POST events; can also be set later with `setWebhookEndpoint`. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Delays between webhook retries (default 0.5 s, 2 s, 8 s). */
  webhookRetryDelaysMs?: number[];
}

export interface RunningStripeEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  setWebhookEndpoint(endpoint: WebhookEndpoint | undefined): void;
  /** The account holder finishes Stripe's onboarding form (the `/_emulator/accounts/:id/complete_onboarding` hook, over HTTP). */
  completeOnboarding(accountId: string): Promise<StripeObject>;
  /** Waits until every webhook delivery under way (with its retries) has finished. */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The emulated Stripe: state, the event log and webhook delivery. Resources (one file each under
 * resources/) are plain route lists over it, so invoices or subscriptions are one more file.
 */
export class Emulator implements EmulatorCore {
  readonly state = new EmulatorState();
  readonly events: StripeEvent[] = [];
  readonly webhooks: WebhookSender;
  private readonly routes: Route[] = [
    ...accountRoutes(), ...customerRoutes(), ...paymentIntentRoutes(), ...chargeRoutes(), ...refundRoutes(),
    ...disputeRoutes(), ...eventRoutes(), ...controlRoutes(), ...disputeControlRoutes(), ...refundControlRoutes(),
  ];
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();

  constructor(options: EmulatorOptions = {}) {
    const endpoint = options.webhookUrl ? { url: options.webhookUrl, secret: options.webhookSecret ?? '' } : undefined;
    this.webhooks = new WebhookSender(endpoint, options.webhookRetryDelaysMs ?? [500, 2000, 8000]);
  }

  /** Records a state change as an event and sends it to the webhook endpoint. */
  emit(type: string, object: StripeObject, account: AccountScope, previous?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: EMULATOR_API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: this.webhooks.endpoint ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
      ...(account ? { account } : {}),
    };
    this.events.push(event);
    this.webhooks.enqueue(event);
    return event;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = stripeId('req', 14);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, 'stripe-version': EMULATOR_API_VERSION, ...headers });
      res.end(JSON.stringify(payload));
    };
    try {
      const found = this.route(method, url.pathname);
      if (!found) throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}).`);
      const [route, match] = found;
      const params = method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(contentIsJson(req) ? '' : body);
      if (route.control) {
        const json = contentIsJson(req) && body ? (JSON.parse(body) as Params) : params;
        return send(200, await route.handle({ method, path: url.pathname, params: json, account: null, match, requestId }, this));
      }
      authenticate(req);
      const account = this.accountOf(req);
      const idempotencyKey = header(req, 'idempotency-key');
      const apiReq: ApiRequest = { method, path: url.pathname, params, account, match, requestId, idempotencyKey };
      if (method !== 'POST' || !idempotencyKey) return send(200, await route.handle(apiReq, this));

      const scope = `${account ?? 'platform'}:${idempotencyKey}`;
      const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${JSON.stringify(params)}`).digest('hex');
      const seen = this.idempotent.get(scope);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          throw new StripeApiError(400, 'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            { code: 'idempotency_key_in_use' });
        }
        return send(seen.status, seen.body, { 'idempotent-replayed': 'true', 'original-request': requestId });
      }
      try {
        const result = await route.handle(apiReq, this);
        this.idempotent.set(scope, { fingerprint, status: 200, body: result });
        return send(200, result);
      } catch (error) {
        // Stripe saves the outcome of a request that started executing, declines included.
        if (error instanceof StripeApiError && error.status < 500) {
          this.idempotent.set(scope, { fingerprint, status: error.status, body: error.toBody(requestId) });
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof StripeApiError) return send(error.status, error.toBody(requestId));
      if (error instanceof SyntaxError) return send(400, { error: { type: 'invalid_request_error', message: `Invalid JSON: ${error.message}` } });
      return send(500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private route(method: string, path: string): [Route, string[]] | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.path.exec(path);
      if (m) return [route, m.slice(1).map(decodeURIComponent)];
    }
    return undefined;
  }

  private accountOf(req: IncomingMessage): AccountScope {
    const account = header(req, 'stripe-account');
    if (!account) return null;
    if (!this.state.exists('account', account)) {
      throw new StripeApiError(403, 'invalid_request_error',
        `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        { code: 'account_invalid' });
    }
    return account;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v || undefined;
}

function contentIsJson(req: IncomingMessage): boolean {
  return /json/i.test(header(req, 'content-type') ?? '');
}

/** Bearer (what stripe-node sends) or Basic with the key as user name (what curl -u sends). */
function authenticate(req: IncomingMessage): void {
  const auth = header(req, 'authorization') ?? '';
  let key = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  const basic = /^Basic\s+(.+)$/i.exec(auth)?.[1];
  if (!key && basic) key = Buffer.from(basic, 'base64').toString('utf8').split(':')[0];
  if (!key) {
    throw new StripeApiError(401, 'invalid_request_error',
      'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').');
  }
  if (!/^(sk|rk)_test_\w+/.test(key)) {
    throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${key.slice(0, 8)}****`, { code: 'api_key_invalid' });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the emulator on `port` (0: any free port). Used by main.ts and by tests in-process. */
export async function startStripeEmulator(options: EmulatorOptions = {}): Promise<RunningStripeEmulator> {
  const emulator = new Emulator(options);
  const server: Server = createServer((req, res) => void emulator.handle(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    emulator,
    async completeOnboarding(accountId) {
      const res = await fetch(`${url}/_emulator/accounts/${encodeURIComponent(accountId)}/complete_onboarding`, { method: 'POST' });
      const body = (await res.json()) as StripeObject;
      if (!res.ok) throw new Error(`completing onboarding of ${accountId} failed: ${res.status} ${JSON.stringify(body)}`);
      return body;
    },
    setWebhookEndpoint: (endpoint) => { emulator.webhooks.endpoint = endpoint; },
    webhooksIdle: () => emulator.webhooks.idle(),
    async close() {
      // No more retries to an endpoint that may be going away; deliveries under way finish.
      emulator.webhooks.endpoint = undefined;
      await emulator.webhooks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
