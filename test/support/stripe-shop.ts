import { Client } from 'pg';
import type Stripe from 'stripe';
import { onboardedStripeAccount } from './connected-account';
import { Platform, startPlatform } from './platform-harness';
import { ShopClient } from './shop-client';

export interface StripeShop {
  platform: Platform;
  /** A direct connection to the test database, to read what the store and Stripe's mirror hold. */
  db: Client;
  shop: ShopClient;
  /** A finance user of the shop (refunds, credit notes). */
  finance: ShopClient;
  /** The shop's connected account, onboarded, and the SDK on the emulator. */
  account: string;
  stripe: Stripe;
}

/** A platform with the Stripe emulator and a shop that can take card payments: the money specs' common start. */
export async function startStripeShop(prefix: string): Promise<StripeShop> {
  const platform = await startPlatform({ stripe: true, prefix });
  const db = new Client({ connectionString: platform.config.DATABASE_URL });
  await db.connect();
  const shop = await ShopClient.signup(platform);
  const finance = await shop.invite(['finance']);
  const { account, stripe } = await onboardedStripeAccount(platform, shop);
  return { platform, db, shop, finance, account, stripe };
}

/**
 * The customer pays each of these PaymentIntents (in order) before Workbay hears of any: the
 * emulator holds its webhooks meanwhile, then sends their `payment_intent.succeeded` events. A
 * worker told of the first payment would settle the invoice and cancel the other open intents
 * before the customer could pay them.
 */
export async function payAllBeforeWorkbayHears(platform: Platform, paymentIntentIds: string[]): Promise<void> {
  const emulator = platform.stripe!.emulator;
  const endpoint = emulator.webhooks.endpoint;
  emulator.webhooks.endpoint = undefined;
  try {
    for (const id of paymentIntentIds) {
      const res = await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${id}/succeed`, { method: 'POST' });
      if (!res.ok) throw new Error(`the emulator refused to pay ${id}: ${res.status} ${await res.text()}`);
    }
  } finally {
    emulator.webhooks.endpoint = endpoint;
  }
  for (const id of paymentIntentIds) {
    for (const held of emulator.events.filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === id)) {
      const status = await emulator.webhooks.deliver(held);
      if (typeof status !== 'number' || status >= 300) throw new Error(`the API refused the held ${held.type} of ${id}: ${status}`);
    }
  }
}
