import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { RunningStripeEmulator, startStripeEmulator } from '../../../apps/stripe-emulator/src';
import { IdempotencyKeyReused, NotFoundError } from '@workbay/platform';
import { PaymentDeclined, PaymentRejected } from './payment-gateway';
import { platformFeeMinor } from '@workbay/billing/contract';
import { AmountNotChargeable } from './stripe-amounts';
import { createStripeClient } from './stripe-client';
import { StripePaymentGateway } from './stripe-payment-gateway';

const SECRET = 'whsec_int_test_secret';

/** A webhook endpoint that verifies every delivery with the SDK, and can refuse the first try of an event. */
async function webhookReceiver() {
  const received: Stripe.Event[] = [];
  const refuseOnce = new Set<string>();
  const sdk = new Stripe('sk_test_receiver');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = sdk.webhooks.constructEvent(Buffer.concat(chunks), req.headers['stripe-signature'] as string, SECRET);
        if (refuseOnce.delete(event.type)) {
          res.writeHead(500).end();
          return;
        }
        received.push(event);
        res.writeHead(200).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, refuseOnce, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('StripePaymentGateway against the Stripe emulator (official SDK)', () => {
  let emulator: RunningStripeEmulator;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let gateway: StripePaymentGateway;
  let account: string;
  const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    receiver = await webhookReceiver();
    emulator = await startStripeEmulator({ port: 0, webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryDelaysMs: [20, 40] });
    gateway = new StripePaymentGateway(createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_int', STRIPE_API_BASE: emulator.url }));
    account = (await gateway.createConnectedAccount('7d3f0c4e-0000-4000-8000-000000000001', 'owner@example.com', { country: 'IN' })).id;
    await emulator.completeOnboarding(account);
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });

  const eventsOf = async (type: string, objectId: string) => {
    await emulator.webhooksIdle();
    return receiver.received.filter((e) => e.type === type && (e.data.object as { id: string }).id === objectId);
  };

  it('creates an express connected account that can take charges once its owner finished onboarding', async () => {
    expect(account).toMatch(/^acct_/);
    await expect(gateway.retrieveConnectedAccount(account)).resolves.toEqual({
      id: account, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [], disabledReason: null,
    });
  });

  it('starts a new express account disabled, as Stripe does: no PaymentIntent, an onboarding link, then account.updated when done', async () => {
    const fresh = (await gateway.createConnectedAccount('7d3f0c4e-0000-4000-8000-000000000003', 'new@example.com', { country: 'IN' })).id;
    const before = await gateway.retrieveConnectedAccount(fresh);
    expect(before).toMatchObject({ chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, disabledReason: 'requirements.past_due' });
    expect(before.requirementsDue).toEqual(expect.arrayContaining(['external_account', 'tos_acceptance.date']));
    const refused = gateway.createPaymentIntent({ connectedAccountId: fresh, amountMinor: 1_000, currency: 'INR', idempotencyKey: key('pi') });
    await expect(refused).rejects.toBeInstanceOf(PaymentRejected);
    await expect(refused).rejects.toMatchObject({ providerCode: 'account_charges_disabled' });

    const link = await gateway.createAccountLink(fresh, { refreshUrl: 'https://app.example.com/refresh', returnUrl: 'https://app.example.com/return' });
    expect(link.url).toMatch(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${fresh}/`));
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    const sdk = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_int', STRIPE_API_BASE: emulator.url });
    await expect(sdk.accountLinks.create({ account: fresh, type: 'account_onboarding', refresh_url: 'https://app.example.com/r' } as Stripe.AccountLinkCreateParams))
      .rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'return_url' });

    await emulator.completeOnboarding(fresh);
    await expect(gateway.retrieveConnectedAccount(fresh)).resolves.toMatchObject({ chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [] });
    const [updated] = await eventsOf('account.updated', fresh);
    expect(updated).toMatchObject({ account: fresh, data: { object: { charges_enabled: true }, previous_attributes: { charges_enabled: false } } });
    await expect(gateway.createPaymentIntent({ connectedAccountId: fresh, amountMinor: 1_000, currency: 'INR', idempotencyKey: key('pi') }))
      .resolves.toMatchObject({ status: 'requires_payment_method' });
  });

  it('creates a PaymentIntent on the connected account with the platform fee, visible only on that account', async () => {
    const fee = platformFeeMinor('growth', 125_000);
    const intent = await gateway.createPaymentIntent({
      connectedAccountId: account, amountMinor: 125_000, currency: 'INR', applicationFeeMinor: fee,
      metadata: { invoiceId: 'inv-1', tenantId: 't-1' }, idempotencyKey: key('pi'),
    });
    expect(intent).toMatchObject({ status: 'requires_payment_method', amountMinor: 125_000, currency: 'INR', applicationFeeMinor: 1250, metadata: { invoiceId: 'inv-1', tenantId: 't-1' } });
    expect(intent.clientSecret).toMatch(new RegExp(`^${intent.id}_secret_`));
    await expect(gateway.retrievePaymentIntent(account, intent.id)).resolves.toMatchObject({ id: intent.id });
    const other = (await gateway.createConnectedAccount('7d3f0c4e-0000-4000-8000-000000000002', 'other@example.com')).id;
    await expect(gateway.retrievePaymentIntent(other, intent.id)).rejects.toBeInstanceOf(NotFoundError);
    const [created] = await eventsOf('payment_intent.created', intent.id);
    expect(created.account).toBe(account);
  });

  it('declines pm_card_chargeDeclined (payment_failed webhook), then succeeds with pm_card_visa', async () => {
    const intent = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 5_000, currency: 'INR', applicationFeeMinor: 50, idempotencyKey: key('pi') });
    const declined = gateway.confirmPaymentIntent({ connectedAccountId: account, paymentIntentId: intent.id, paymentMethod: 'pm_card_chargeDeclined', idempotencyKey: key('confirm') });
    await expect(declined).rejects.toBeInstanceOf(PaymentDeclined);
    await expect(declined).rejects.toMatchObject({ paymentIntentId: intent.id, declineCode: 'generic_decline' });
    const after = await gateway.retrievePaymentIntent(account, intent.id);
    expect(after).toMatchObject({ status: 'requires_payment_method', lastError: { code: 'card_declined' } });
    expect(await eventsOf('payment_intent.payment_failed', intent.id)).toHaveLength(1);

    const paid = await gateway.confirmPaymentIntent({ connectedAccountId: account, paymentIntentId: intent.id, paymentMethod: 'pm_card_visa', idempotencyKey: key('confirm') });
    expect(paid).toMatchObject({ status: 'succeeded', amountReceivedMinor: 5_000, lastError: null });
    expect(paid.latestChargeId).toMatch(/^ch_/);
    const [succeeded] = await eventsOf('payment_intent.succeeded', intent.id);
    expect(succeeded.account).toBe(account);
    expect((succeeded.data.object as Stripe.PaymentIntent).amount_received).toBe(5_000);
  });

  it('refunds partly, then the rest, and refuses to refund more than was paid', async () => {
    const intent = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 10_000, currency: 'INR', paymentMethod: 'pm_card_visa', confirm: true, idempotencyKey: key('pi') });
    expect(intent.status).toBe('succeeded');
    const partial = await gateway.refund({ connectedAccountId: account, paymentIntentId: intent.id, amountMinor: 3_000, currency: 'INR', idempotencyKey: key('re') });
    expect(partial).toMatchObject({ amountMinor: 3_000, currency: 'INR', status: 'succeeded', paymentIntentId: intent.id });
    await expect(gateway.refund({ connectedAccountId: account, paymentIntentId: intent.id, amountMinor: 8_000, idempotencyKey: key('re') })).rejects.toBeInstanceOf(PaymentRejected);
    const rest = await gateway.refund({ connectedAccountId: account, paymentIntentId: intent.id, idempotencyKey: key('re') });
    expect(rest.amountMinor).toBe(7_000);
    await emulator.webhooksIdle();
    const refunded = receiver.received.filter((e) => e.type === 'charge.refunded' && (e.data.object as Stripe.Charge).payment_intent === intent.id);
    expect(refunded.map((e) => (e.data.object as Stripe.Charge).amount_refunded)).toEqual([3_000, 10_000]);
    expect(receiver.received.filter((e) => e.type === 'refund.created' && (e.data.object as Stripe.Refund).payment_intent === intent.id)).toHaveLength(2);
  });

  it('reads a dispute as Stripe shows it: funds withdrawn when it opens, reinstated when won, and only on its own account', async () => {
    const intent = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 10_000, currency: 'INR', paymentMethod: 'pm_card_visa', confirm: true, idempotencyKey: key('pi') });
    const control = (path: string, body: object) => fetch(`${emulator.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tooLarge = await control(`charges/${intent.latestChargeId}/dispute`, { amount: 10_001 });
    expect(tooLarge.status).toBe(400);
    const opened = (await (await control(`charges/${intent.latestChargeId}/dispute`, { amount: 4_000, reason: 'duplicate' })).json()) as { id: string };
    await expect(gateway.retrieveDispute(account, opened.id)).resolves.toMatchObject({
      id: opened.id, chargeId: intent.latestChargeId, paymentIntentId: intent.id, amountMinor: 4_000, currency: 'INR', reason: 'duplicate', status: 'needs_response', fundsWithdrawn: true,
    });
    expect((await eventsOf('charge.dispute.created', opened.id)).length + (await eventsOf('charge.dispute.funds_withdrawn', opened.id)).length).toBe(2);
    await expect(gateway.refund({ connectedAccountId: account, paymentIntentId: intent.id, amountMinor: 1_000, currency: 'INR', idempotencyKey: key('re') }))
      .rejects.toMatchObject({ providerCode: 'charge_disputed' });
    expect((await control(`disputes/${opened.id}/close`, { status: 'maybe' })).status).toBe(400);
    await control(`disputes/${opened.id}/close`, { status: 'won' });
    await expect(gateway.retrieveDispute(account, opened.id)).resolves.toMatchObject({ status: 'won', fundsWithdrawn: false });
    expect(await eventsOf('charge.dispute.funds_reinstated', opened.id)).toHaveLength(1);
    const other = (await gateway.createConnectedAccount('7d3f0c4e-0000-4000-8000-000000000009', 'other@example.com', { country: 'IN' })).id;
    await expect(gateway.retrieveDispute(other, opened.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('replays the first result for a repeated Idempotency-Key and refuses it with other parameters', async () => {
    const idempotencyKey = key('same');
    const request = { connectedAccountId: account, amountMinor: 777, currency: 'INR', idempotencyKey };
    const first = await gateway.createPaymentIntent(request);
    const again = await gateway.createPaymentIntent(request);
    expect(again.id).toBe(first.id);
    await expect(gateway.createPaymentIntent({ ...request, amountMinor: 778 })).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await eventsOf('payment_intent.created', first.id)).toHaveLength(1);
  });

  it('lets the customer pay in their browser (emulator hook) and cancels an unpaid intent', async () => {
    const online = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 2_500, currency: 'INR', idempotencyKey: key('pi') });
    const paidOnline = await fetch(`${emulator.url}/_emulator/payment_intents/${online.id}/succeed`, { method: 'POST' });
    expect(await paidOnline.json()).toMatchObject({ id: online.id, status: 'succeeded' });
    await expect(gateway.retrievePaymentIntent(account, online.id)).resolves.toMatchObject({ status: 'succeeded', amountReceivedMinor: 2_500 });
    const abandoned = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 900, currency: 'INR', idempotencyKey: key('pi') });
    await expect(gateway.cancelPaymentIntent(account, abandoned.id, key('cancel'))).resolves.toMatchObject({ status: 'canceled' });
    await expect(gateway.cancelPaymentIntent(account, online.id, key('cancel'))).rejects.toBeInstanceOf(PaymentRejected);
  });

  it('converts ISK to the two-decimal amounts Stripe expects and back', async () => {
    const intent = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 5_000, currency: 'ISK', applicationFeeMinor: 50, idempotencyKey: key('pi') });
    expect(intent).toMatchObject({ amountMinor: 5_000, applicationFeeMinor: 50, currency: 'ISK' });
    const [created] = await eventsOf('payment_intent.created', intent.id);
    expect((created.data.object as Stripe.PaymentIntent).amount).toBe(500_000);
  });

  it('charges and refunds KWD only in steps of 10 fils: refused before Stripe otherwise, and the emulator refuses as Stripe does', async () => {
    const odd = gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 12_345, currency: 'KWD', idempotencyKey: key('pi') });
    await expect(odd).rejects.toBeInstanceOf(AmountNotChargeable);
    await expect(odd).rejects.toMatchObject({ status: 422, fields: [{ field: 'amountMinor', message: expect.stringMatching(/multiple of 10.*nearest below: 12340/) }] });
    await expect(gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 12_340, currency: 'KWD', applicationFeeMinor: 125, idempotencyKey: key('pi') }))
      .rejects.toMatchObject({ fields: [{ field: 'applicationFeeMinor' }] });

    const paid = await gateway.createPaymentIntent({
      connectedAccountId: account, amountMinor: 12_340, currency: 'KWD', applicationFeeMinor: 120, paymentMethod: 'pm_card_visa', confirm: true, idempotencyKey: key('pi'),
    });
    expect(paid).toMatchObject({ status: 'succeeded', amountMinor: 12_340, amountReceivedMinor: 12_340, applicationFeeMinor: 120, currency: 'KWD' });
    const [created] = await eventsOf('payment_intent.created', paid.id);
    expect(created.data.object).toMatchObject({ amount: 12_340, currency: 'kwd', application_fee_amount: 120 });
    await expect(gateway.refund({ connectedAccountId: account, paymentIntentId: paid.id, amountMinor: 5_005, currency: 'KWD', idempotencyKey: key('re') }))
      .rejects.toBeInstanceOf(AmountNotChargeable);
    await expect(gateway.refund({ connectedAccountId: account, paymentIntentId: paid.id, amountMinor: 5_000, currency: 'KWD', idempotencyKey: key('re') }))
      .resolves.toMatchObject({ amountMinor: 5_000, currency: 'KWD', status: 'succeeded' });

    // What Stripe itself answers to an integration that sends 12.345 KWD (or fractional króna).
    const sdk = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_int', STRIPE_API_BASE: emulator.url });
    await expect(sdk.paymentIntents.create({ amount: 12_345, currency: 'kwd' }, { stripeAccount: account }))
      .rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'invalid_charge_amount', param: 'amount', message: expect.stringMatching(/KWD.*divisible by 10/) });
    await expect(sdk.refunds.create({ payment_intent: paid.id, amount: 1_001 }, { stripeAccount: account }))
      .rejects.toMatchObject({ statusCode: 400, code: 'invalid_charge_amount', param: 'amount' });
    await expect(sdk.paymentIntents.create({ amount: 50_050, currency: 'isk' }, { stripeAccount: account }))
      .rejects.toMatchObject({ statusCode: 400, code: 'invalid_charge_amount_no_decimal_compatible' });
  });

  it('sends zero-decimal amounts as they are (JPY) and whole ariary for MGA, which ISO gives two decimals and Stripe none', async () => {
    const yen = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 1_999, currency: 'JPY', applicationFeeMinor: 20, idempotencyKey: key('pi') });
    expect(yen).toMatchObject({ amountMinor: 1_999, applicationFeeMinor: 20, currency: 'JPY' });
    expect((await eventsOf('payment_intent.created', yen.id))[0].data.object).toMatchObject({ amount: 1_999, application_fee_amount: 20, currency: 'jpy' });

    const ariary = await gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 150_000, currency: 'MGA', applicationFeeMinor: 1_500, idempotencyKey: key('pi') });
    expect(ariary).toMatchObject({ amountMinor: 150_000, applicationFeeMinor: 1_500, currency: 'MGA' });
    expect((await eventsOf('payment_intent.created', ariary.id))[0].data.object).toMatchObject({ amount: 1_500, application_fee_amount: 15, currency: 'mga' });
    await expect(gateway.createPaymentIntent({ connectedAccountId: account, amountMinor: 150_050, currency: 'MGA', idempotencyKey: key('pi') }))
      .rejects.toBeInstanceOf(AmountNotChargeable);
  });

  it('retries a webhook the endpoint refused, with a fresh valid signature', async () => {
    receiver.refuseOnce.add('customer.created');
    const sdk = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_int', STRIPE_API_BASE: emulator.url });
    const customer = await sdk.customers.create({ email: 'c@example.com' }, { stripeAccount: account });
    expect(await eventsOf('customer.created', customer.id)).toHaveLength(1);
    const attempts = emulator.emulator.webhooks.attempts.filter((a) => a.type === 'customer.created');
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it('answers 401 without an API key and 404 for an unknown id, shaped like Stripe', async () => {
    const res = await fetch(`${emulator.url}/v1/payment_intents/pi_nope`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const missing = await fetch(`${emulator.url}/v1/payment_intents/pi_nope`, { headers: { authorization: 'Bearer sk_test_x' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'resource_missing', param: 'intent' } });
  });
});
