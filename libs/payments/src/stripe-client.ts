import Stripe from 'stripe';
import { AppConfig } from '@workbay/platform';

/** DI token of the configured official SDK client. */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

/**
 * The official SDK pointed at STRIPE_API_BASE: the local emulator (http) in development and
 * tests, https://api.stripe.com otherwise. The API version is the one this SDK release pins.
 */
export function createStripeClient(config: Pick<AppConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE'>): Stripe {
  const base = new URL(config.STRIPE_API_BASE);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.STRIPE_SECRET_KEY, {
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'workbay' },
  });
}
