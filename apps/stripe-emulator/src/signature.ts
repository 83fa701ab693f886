import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header Stripe sends with every webhook: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's whsec_ secret>`. What
 * `stripe.webhooks.constructEvent(rawBody, header, secret)` verifies (300 s tolerance).
 */
export function signatureHeader(payload: string, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}
