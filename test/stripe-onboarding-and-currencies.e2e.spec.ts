import { randomUUID } from 'node:crypto';
import { AggregateStore, RequestContext } from '@workbay/platform';
import { QuoteLine, RepairOrderCommand, repairOrderDecider, repairOrderStreamCategory } from '../libs/shop/src/domain';
import { Platform, startPlatform } from './support/platform-harness';
import { workedRepairOrder } from './support/repair-orders';
import { ShopClient } from './support/shop-client';
import { until } from './support/waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const SALMIYA = { line1: 'Salem Al Mubarak Street', city: 'Salmiya', region: 'Hawalli', postalCode: '22000', country: 'KW' };
const GRAND_TOTAL_INR = 659_188; // test/support/repair-orders.ts
// 12.345 KWD (fils: three decimals), untaxed: a balance Stripe cannot charge as it is.
const KWD_LINES: QuoteLine[] = [{ lineId: 'line-1', kind: 'labor', description: 'Diagnosis', quantity: 1, unitPriceMinor: 12_345, taxable: false }];

/** A repair order in KWD worked and approved through its decider, as test/support/repair-orders.ts does for INR. */
async function workedKwdRepairOrder(platform: Platform, client: ShopClient, locationId: string): Promise<string> {
  const { customerId, vehicleId } = await client.customerWithVehicle();
  const repairOrderId = randomUUID();
  const now = () => new Date().toISOString();
  const tech = { userId: randomUUID(), roles: ['technician'], locationId };
  const advisor = randomUUID();
  const steps: RepairOrderCommand[] = [
    { type: 'OpenRepairOrder', repairOrderId, quoteId: randomUUID(), customerId, vehicleId, locationId, currency: 'KWD', lines: KWD_LINES, deferred: [], openedAt: now(), actor: 'system:test' },
    { type: 'AssignTechnician', lineId: 'line-1', technicians: [tech], assignedAt: now(), actor: advisor },
    { type: 'StartWork', lineId: 'line-1', startedAt: now(), actor: tech.userId },
    { type: 'CompleteWork', lineId: 'line-1', completedAt: now(), actor: tech.userId },
    { type: 'RequestAdvisorReview', requestedAt: now(), actor: tech.userId },
    { type: 'ApproveWork', approvedAt: now(), actor: advisor, actorRoles: ['service_advisor'] },
  ];
  const aggregates = platform.app.get(AggregateStore);
  await platform.app.get(RequestContext).runAsSystemFor(client.tenantId, { actor: 'system:test' }, async () => {
    for (const step of steps) await aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, step);
  });
  return repairOrderId;
}

describe('card payments need a Stripe account that finished onboarding, in amounts Stripe can charge', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ stripe: true, prefix: 'onboard' });
  });
  afterAll(async () => {
    await platform.close();
  });

  const intentsAtStripe = (account: string) => platform.stripe!.emulator.state.list<{ id: string; object: string; amount: number; application_fee_amount: number | null }>('payment_intent', account);
  const startOnline = (client: ShopClient, id: string) => client.graphql(
    'mutation($id: ID!) { startOnlinePayment(id: $id) { paymentIntentId amountMinor currency } }', { id },
  );
  const invoiceOf = (client: ShopClient, id: string) => client.get(`/invoices/${id}`).then((r) => (r.status === 200 ? r.body : { payments: [] }));

  it('refuses a PaymentIntent while onboarding is unfinished (409 naming what is due, REST and GraphQL), and takes one after the hook and account.updated', async () => {
    const shop = await ShopClient.signup(platform, 'Onboarding Motors');
    const location = (await shop.post('/locations', {
      name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201)).body.id as string;
    const invoice = (await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, location)}/invoice`, {}).expect(201)).body.id as string;
    const account = (await shop.post('/payments/stripe-account', {}).expect(201)).body.accountId as string;

    const refused = await shop.post(`/invoices/${invoice}/online-payments`, {}).expect(409);
    expect(refused.body).toMatchObject({
      code: 'STRIPE_ONBOARDING_INCOMPLETE', detail: expect.stringMatching(/charges_enabled is false.*onboarding-link.*external_account/),
      accountId: account, requirementsDue: expect.arrayContaining(['external_account', 'tos_acceptance.date']), disabledReason: 'requirements.past_due',
    });
    const gqlRefused = await startOnline(shop, invoice).expect(200);
    expect(gqlRefused.body.errors[0].extensions.code).toBe('STRIPE_ONBOARDING_INCOMPLETE');
    expect(intentsAtStripe(account)).toEqual([]); // nothing was asked of Stripe

    await platform.stripe!.completeOnboarding(account);
    await until(async () => (await shop.get('/payments/stripe-account').expect(200)).body.chargesEnabled === true, 'account.updated to be stored');
    const started = await shop.post(`/invoices/${invoice}/online-payments`, {}).expect(201);
    expect(started.body).toMatchObject({ amountMinor: GRAND_TOTAL_INR, currency: 'INR', status: 'requires_payment_method' });
    const gqlStarted = await startOnline(shop, invoice).expect(200);
    expect(gqlStarted.body.data.startOnlinePayment).toEqual({ paymentIntentId: started.body.paymentIntentId, amountMinor: GRAND_TOTAL_INR, currency: 'INR' });
    expect(intentsAtStripe(account).map((i) => i.id)).toEqual([started.body.paymentIntentId]);
  });

  it('charges a 12.345 KWD balance as 12.340 (never more), books what Stripe took, leaves 0.005 due and refuses an amount Stripe cannot charge', async () => {
    const shop = await ShopClient.signup(platform, 'Salmiya Auto', 'KW', 'KWD');
    const location = (await shop.post('/locations', { name: 'Salmiya', address: SALMIYA, timezone: 'Asia/Kuwait', taxJurisdiction: { kind: 'NONE' } }).expect(201)).body.id as string;
    const account = (await shop.post('/payments/stripe-account', {}).expect(201)).body.accountId as string;
    await platform.stripe!.completeOnboarding(account);
    const issued = await shop.post(`/repair-orders/${await workedKwdRepairOrder(platform, shop, location)}/invoice`, {}).expect(201);
    const invoice = issued.body.id as string;
    await until(async () => (await shop.get(`/invoices/${invoice}`)).status === 200, 'the invoice to be projected');
    expect(await invoiceOf(shop, invoice)).toMatchObject({ currency: 'KWD', grandTotalMinor: 12_345, balanceDueMinor: 12_345 });

    const exact = await shop.post(`/invoices/${invoice}/online-payments`, { amountMinor: 12_345 }).expect(422);
    expect(exact.body).toMatchObject({ code: 'AMOUNT_NOT_CHARGEABLE', errors: [{ field: 'amountMinor', message: expect.stringMatching(/multiple of 10 .*KWD.*nearest below: 12340/) }] });
    const gqlExact = await shop.graphql('mutation($id: ID!) { startOnlinePayment(id: $id, input: { amountMinor: 12345 }) { paymentIntentId } }', { id: invoice }).expect(200);
    expect(gqlExact.body.errors[0].extensions.code).toBe('AMOUNT_NOT_CHARGEABLE');
    expect(intentsAtStripe(account)).toEqual([]);

    const started = await shop.post(`/invoices/${invoice}/online-payments`, {}).expect(201);
    // growth plan, 1%: 123.4 fils rounds to 123, charged as 120 (Stripe's steps; the platform takes less, never more).
    expect(started.body).toMatchObject({ amountMinor: 12_340, currency: 'KWD', applicationFeeMinor: 120 });
    expect(intentsAtStripe(account)).toEqual([expect.objectContaining({ id: started.body.paymentIntentId, amount: 12_340, application_fee_amount: 120 })]);

    await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${started.body.paymentIntentId}/succeed`, { method: 'POST' });
    await until(async () => (await invoiceOf(shop, invoice)).payments.length === 1, 'the Stripe payment to be booked');
    expect(await invoiceOf(shop, invoice)).toMatchObject({
      status: 'partially_paid', paidMinor: 12_340, balanceDueMinor: 5,
      payments: [expect.objectContaining({ method: 'stripe', amountMinor: 12_340, reference: started.body.paymentIntentId })],
    });
    const rest = await shop.post(`/invoices/${invoice}/online-payments`, {}).expect(422);
    expect(rest.body).toMatchObject({ code: 'AMOUNT_NOT_CHARGEABLE', errors: [{ field: 'amountMinor', message: expect.stringMatching(/below the smallest amount Stripe charges in KWD/) }] });
    await shop.post(`/invoices/${invoice}/payments`, { method: 'cash', amountMinor: 5 }).expect(201);
    await until(async () => (await invoiceOf(shop, invoice)).status === 'paid', 'the invoice to be paid');

    // A stale link: 12.340 online after 5.000 cash left 7.345 due. Stripe can give back only whole
    // steps, so 7.340 is booked and 5.000 refunded (never 4.995, which Stripe would refuse).
    const stale = (await shop.post(`/repair-orders/${await workedKwdRepairOrder(platform, shop, location)}/invoice`, {}).expect(201)).body.id as string;
    await until(async () => (await shop.get(`/invoices/${stale}`)).status === 200, 'the invoice to be projected');
    const link = await shop.post(`/invoices/${stale}/online-payments`, {}).expect(201);
    expect(link.body.amountMinor).toBe(12_340);
    await shop.post(`/invoices/${stale}/payments`, { method: 'cash', amountMinor: 5_000 }).expect(201);
    await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${link.body.paymentIntentId}/succeed`, { method: 'POST' });
    await until(async () => (await invoiceOf(shop, stale)).payments.length === 2, 'the stale payment to be booked');
    await until(async () => platform.stripe!.emulator.state.list<{ id: string; object: string; payment_intent: string }>('refund', account)
      .some((r) => r.payment_intent === link.body.paymentIntentId), 'the excess to be refunded');
    expect(await invoiceOf(shop, stale)).toMatchObject({
      status: 'partially_paid', paidMinor: 12_340, balanceDueMinor: 5,
      payments: expect.arrayContaining([expect.objectContaining({ method: 'stripe', amountMinor: 7_340, reference: link.body.paymentIntentId })]),
    });
    const refunds = platform.stripe!.emulator.state.list<{ id: string; object: string; payment_intent: string; amount: number }>('refund', account)
      .filter((r) => r.payment_intent === link.body.paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([5_000]);
  });
});
