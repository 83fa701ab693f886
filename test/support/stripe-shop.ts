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
