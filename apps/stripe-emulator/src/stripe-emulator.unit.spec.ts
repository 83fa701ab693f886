import Stripe from 'stripe';
import { parseForm } from './form';
import { signatureHeader } from './signature';

const secret = 'whsec_unit_test_secret';
const stripe = new Stripe('sk_test_unit', { host: '127.0.0.1', port: 1, protocol: 'http' });
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });

describe('stripe emulator: webhook signatures', () => {
  it('signs the way the official SDK verifies (constructEvent round trip)', () => {
    const event = stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret), secret);
    expect(event.id).toBe('evt_1');
    expect(event.type).toBe('payment_intent.succeeded');
  });

  it("produces the same header as the SDK's generateTestHeaderString", () => {
    const t = 1_700_000_000;
    expect(signatureHeader(payload, secret, t)).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: t }));
  });

  it('is refused by the SDK for another secret, an altered body or a stale timestamp', () => {
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, 'whsec_other'), secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(payload.replace('pi_1', 'pi_2'), signatureHeader(payload, secret), secret)).toThrow(/signature/i);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, stale), secret)).toThrow(/tolerance/i);
  });
});

describe('stripe emulator: form-encoded bodies', () => {
  it('nests bracketed keys as Stripe reads them', () => {
    expect(parseForm('amount=1000&currency=inr&metadata[invoiceId]=inv%201&metadata[tenant]=t+1&expand[0]=latest_charge&payment_method_types[]=card')).toEqual({
      amount: '1000',
      currency: 'inr',
      metadata: { invoiceId: 'inv 1', tenant: 't 1' },
      expand: ['latest_charge'],
      payment_method_types: ['card'],
    });
  });

  it('reads an empty metadata value (how Stripe unsets a key)', () => {
    expect(parseForm('metadata[a]=')).toEqual({ metadata: { a: '' } });
  });
});
