import Stripe from 'stripe';
import type { Platform } from './platform-harness';
import type { ShopClient } from './shop-client';

/**
 * The shop's Stripe connected account, onboarded through the emulator's hook so it can charge, and
 * the official SDK pointed at the emulator (to read back what Stripe holds).
 */
export async function onboardedStripeAccount(platform: Platform, shop: ShopClient): Promise<{ account: string; stripe: Stripe }> {
  const account = (await shop.post('/payments/stripe-account', {}).expect(201)).body.accountId as string;
  await platform.stripe!.completeOnboarding(account);
  const base = new URL(platform.stripe!.url);
  return { account, stripe: new Stripe('sk_test_e2e', { host: base.hostname, port: base.port, protocol: 'http', telemetry: false }) };
}
