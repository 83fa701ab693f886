import { startStripeEmulator } from './emulator';

/**
 * `node dist/apps/stripe-emulator/src/main.js [--only-if-local]`: the Stripe emulator as its own
 * process. It stands in for an external service, so it reads its own few variables rather than
 * Workbay's AppConfig (the defaults match AppConfig's development defaults):
 *   STRIPE_EMULATOR_PORT   default: the port of a local STRIPE_API_BASE, else 12111
 *   STRIPE_EMULATOR_HOST   default 127.0.0.1 (0.0.0.0 in a container, for the API's container to reach it)
 *   STRIPE_WEBHOOK_URL     default http://127.0.0.1:$PORT/webhooks/stripe (the API)
 *   STRIPE_WEBHOOK_SECRET  default whsec_workbay_development_secret
 * With --only-if-local (what `npm start` passes) it exits at once when STRIPE_API_BASE points at
 * a non-local host, i.e. when real Stripe is configured.
 */
const DEV_WEBHOOK_SECRET = 'whsec_workbay_development_secret';

async function main() {
  const env = process.env;
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : undefined;
  const local = !base || ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(base.hostname);
  if (process.argv.includes('--only-if-local') && !local) {
    console.log(`Stripe emulator not started: STRIPE_API_BASE points at ${base?.origin}`);
    return;
  }
  const port = Number(env.STRIPE_EMULATOR_PORT || (base && local && base.port) || 12111);
  const webhookUrl = env.STRIPE_WEBHOOK_URL || `http://127.0.0.1:${env.PORT || 3000}/webhooks/stripe`;
  const emulator = await startStripeEmulator({ port, host: env.STRIPE_EMULATOR_HOST || '127.0.0.1', webhookUrl, webhookSecret: env.STRIPE_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET });
  console.log(`Stripe emulator listening on ${emulator.url} (webhooks -> ${webhookUrl})`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
