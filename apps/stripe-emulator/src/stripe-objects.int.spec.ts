import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { RunningStripeEmulator, startStripeEmulator } from '.';

/**
 * The emulator's objects against Stripe's own: every key of the published fixture (fixtures/,
 * vendored from stripe/openapi) is present with the same JSON type. Where the fixture shows a
 * value but the official SDK's type says `| null` (e.g. `last_payment_error` of an intent that
 * never failed), null is right too; where the fixture itself has null, any value is.
 */
const FIXTURES = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'stripe-objects.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const SDK_TYPES: Record<string, [file: string, iface: string]> = {
  customer: ['Customers', 'Customer'], payment_intent: ['PaymentIntents', 'PaymentIntent'], charge: ['Charges', 'Charge'], refund: ['Refunds', 'Refund'],
};

// The SDK's package exports hide its types folder from require.resolve; find it beside its entry point.
const STRIPE_TYPES = join(require.resolve('stripe').replace(/(node_modules[\\/]stripe)[\\/].*$/, '$1'), 'types');

/** Top-level fields the SDK's d.ts declares nullable (`name: T | null;`) on the object's interface. */
function nullableInSdk(object: string): Set<string> {
  const [file, iface] = SDK_TYPES[object];
  const source = readFileSync(join(STRIPE_TYPES, `${file}.d.ts`), 'utf8');
  const body = new RegExp(`\\n    interface ${iface} \\{\\n([\\s\\S]*?)\\n    \\}\\n`).exec(source)?.[1];
  if (!body) throw new Error(`no interface ${iface} in stripe/types/${file}.d.ts`);
  return new Set([...body.matchAll(/^ {6}(\w+)\??: ([^;]*);/gm)].filter(([, , type]) => /\|\s*null\s*$/.test(type)).map(([, name]) => name));
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Keys of the fixture the emulator's object lacks or gives another JSON type, as `key: fixture type -> ours`. */
function differences(object: string, ours: object): string[] {
  const nullable = nullableInSdk(object);
  const actual = ours as Record<string, unknown>;
  return Object.entries(FIXTURES[object]).flatMap(([key, expected]) => {
    if (!(key in actual) || actual[key] === undefined) return [`${key}: missing`];
    if (expected === null) return [];
    const [want, got] = [jsonType(expected), jsonType(actual[key])];
    if (want === got || (got === 'null' && nullable.has(key))) return [];
    return [`${key}: ${want} -> ${got}`];
  });
}

describe('stripe emulator: objects shaped like Stripe publishes them', () => {
  let emulator: RunningStripeEmulator;
  let sdk: Stripe;
  let account: string;

  beforeAll(async () => {
    emulator = await startStripeEmulator({ port: 0 });
    const base = new URL(emulator.url);
    sdk = new Stripe('sk_test_fixtures', { host: base.hostname, port: base.port, protocol: 'http', telemetry: false });
    account = (await sdk.accounts.create({ type: 'express', email: 'fixtures@example.com' })).id;
    await emulator.completeOnboarding(account);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('reads the vendored fixtures and the SDK types it compares with', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(['charge', 'customer', 'payment_intent', 'refund']);
    expect(nullableInSdk('payment_intent')).toEqual(expect.objectContaining({ has: expect.any(Function) }));
    expect(nullableInSdk('payment_intent').has('last_payment_error')).toBe(true);
    expect(nullableInSdk('payment_intent').has('amount')).toBe(false);
  });

  it('creates a customer with every field of Stripe\'s', async () => {
    const customer = await sdk.customers.create({ email: 'jenny@example.com', name: 'Jenny Rosen' }, { stripeAccount: account });
    expect(differences('customer', customer)).toEqual([]);
    expect(differences('customer', await sdk.customers.retrieve(customer.id, {}, { stripeAccount: account }))).toEqual([]);
  });

  it('creates, declines and confirms a payment_intent with every field of Stripe\'s, in each state', async () => {
    const created = await sdk.paymentIntents.create({ amount: 2_000, currency: 'inr', application_fee_amount: 20 }, { stripeAccount: account });
    expect(differences('payment_intent', created)).toEqual([]);
    const declined = await sdk.paymentIntents.confirm(created.id, { payment_method: 'pm_card_chargeDeclined' }, { stripeAccount: account }).catch((e: Stripe.errors.StripeCardError) => e);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    const failed = await sdk.paymentIntents.retrieve(created.id, {}, { stripeAccount: account });
    expect(differences('payment_intent', failed)).toEqual([]);
    const paid = await sdk.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' }, { stripeAccount: account });
    expect(paid.status).toBe('succeeded');
    expect(differences('payment_intent', paid)).toEqual([]);
    const canceled = await sdk.paymentIntents.cancel((await sdk.paymentIntents.create({ amount: 500, currency: 'inr' }, { stripeAccount: account })).id, {}, { stripeAccount: account });
    expect(differences('payment_intent', canceled)).toEqual([]);
  });

  it('gives a succeeded and a declined charge every field of Stripe\'s', async () => {
    const intent = await sdk.paymentIntents.create({ amount: 3_000, currency: 'inr', payment_method: 'pm_card_visa', confirm: true, application_fee_amount: 30 }, { stripeAccount: account });
    const charge = await sdk.charges.retrieve(intent.latest_charge as string, {}, { stripeAccount: account });
    expect(differences('charge', charge)).toEqual([]);
    const other = await sdk.paymentIntents.create({ amount: 3_000, currency: 'inr' }, { stripeAccount: account });
    await sdk.paymentIntents.confirm(other.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }, { stripeAccount: account }).catch(() => undefined);
    const failedCharge = (await sdk.paymentIntents.retrieve(other.id, {}, { stripeAccount: account })).last_payment_error?.charge as string;
    expect(differences('charge', await sdk.charges.retrieve(failedCharge, {}, { stripeAccount: account }))).toEqual([]);
  });

  it('creates a refund with every field of Stripe\'s, and the charge it refunded keeps them', async () => {
    const intent = await sdk.paymentIntents.create({ amount: 4_000, currency: 'inr', payment_method: 'pm_card_visa', confirm: true }, { stripeAccount: account });
    const refund = await sdk.refunds.create({ payment_intent: intent.id, amount: 1_000 }, { stripeAccount: account });
    expect(differences('refund', refund)).toEqual([]);
    expect(differences('refund', await sdk.refunds.retrieve(refund.id, {}, { stripeAccount: account }))).toEqual([]);
    expect(differences('charge', await sdk.charges.retrieve(refund.charge as string, {}, { stripeAccount: account }))).toEqual([]);
  });

  const control = (path: string, body: Record<string, string> = {}) => fetch(`${emulator.url}/_emulator/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(),
  });

  it('fails a refund as Stripe does: failed with its reason, the charge no longer refunded by it, refund.updated and refund.failed sent', async () => {
    const intent = await sdk.paymentIntents.create({ amount: 4_000, currency: 'inr', payment_method: 'pm_card_visa', confirm: true }, { stripeAccount: account });
    const refund = await sdk.refunds.create({ payment_intent: intent.id }, { stripeAccount: account });
    expect((await sdk.charges.retrieve(refund.charge as string, {}, { stripeAccount: account }))).toMatchObject({ amount_refunded: 4_000, refunded: true });
    const failed = await control(`refunds/${refund.id}/fail`, { failure_reason: 'lost_or_stolen_card' });
    expect(failed.status).toBe(200);
    const after = await sdk.refunds.retrieve(refund.id, {}, { stripeAccount: account });
    expect(after).toMatchObject({ status: 'failed', failure_reason: 'lost_or_stolen_card', failure_balance_transaction: expect.stringMatching(/^txn_/) });
    expect(differences('refund', after)).toEqual([]);
    expect(await sdk.charges.retrieve(refund.charge as string, {}, { stripeAccount: account })).toMatchObject({ amount_refunded: 0, refunded: false });
    const events = emulator.emulator.events.filter((e) => e.data.object.id === refund.id).map((e) => [e.type, e.data.object.status, e.data.previous_attributes?.status ?? null]);
    expect(events).toEqual([['refund.created', 'succeeded', null], ['refund.updated', 'failed', 'succeeded'], ['refund.failed', 'failed', 'succeeded']]);
    // A failed refund cannot fail again; an unknown reason is refused naming the parameter.
    expect((await control(`refunds/${refund.id}/fail`)).status).toBe(400);
    const other = await sdk.refunds.create({ payment_intent: (await sdk.paymentIntents.create({ amount: 2_000, currency: 'inr', payment_method: 'pm_card_visa', confirm: true }, { stripeAccount: account })).id }, { stripeAccount: account });
    const bad = await control(`refunds/${other.id}/fail`, { failure_reason: 'bored' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('failure_reason');
  });

  it('keeps refunds of a pm_card_pendingRefund charge pending until they succeed or fail', async () => {
    const intent = await sdk.paymentIntents.create({ amount: 4_000, currency: 'inr', payment_method: 'pm_card_pendingRefund', confirm: true }, { stripeAccount: account });
    const refund = await sdk.refunds.create({ payment_intent: intent.id, amount: 1_500 }, { stripeAccount: account });
    expect(refund.status).toBe('pending');
    expect(await sdk.charges.retrieve(refund.charge as string, {}, { stripeAccount: account })).toMatchObject({ amount_refunded: 1_500 });
    expect((await control(`refunds/${refund.id}/succeed`)).status).toBe(200);
    expect((await sdk.refunds.retrieve(refund.id, {}, { stripeAccount: account })).status).toBe('succeeded');
    const pending = await sdk.refunds.create({ payment_intent: intent.id, amount: 500 }, { stripeAccount: account });
    expect((await control(`refunds/${pending.id}/fail`)).status).toBe(200);
    expect(await sdk.charges.retrieve(refund.charge as string, {}, { stripeAccount: account })).toMatchObject({ amount_refunded: 1_500, refunded: false });
  });
});
