/**
 * Secrets a production process must not start with: every default written in this code base (and
 * in its test harness) is public, so a deployment that forgot to set one would be signing tokens
 * or trusting webhooks with a key anybody can read on GitHub.
 */
export const KNOWN_SECRETS: ReadonlySet<string> = new Set([
  'workbay-development-secret-change-me-please!!',
  'sk_test_workbay_emulator',
  'whsec_workbay_development_secret',
  'whsec_e2e_stripe_emulator_secret',
]);

/** Fewer distinct characters than this is a pattern (`xxxx...`, `abcabc...`), not a random key. */
export const MIN_DISTINCT_CHARACTERS = 10;
export const MIN_JWT_SECRET_BYTES = 32;
/** What follows `whsec_` / `sk_live_`: Stripe's own are 32+ random characters. */
export const MIN_STRIPE_SECRET_BODY = 16;

const distinct = (value: string) => new Set(value).size;

/** Why `value` is not fit to be `name` in production, or null when it is. */
function weakness(name: string, value: string, minBody: number, bodyOf: (v: string) => string, unit: string): string | null {
  if (KNOWN_SECRETS.has(value)) return `${name} is a published default: set your own secret in production`;
  const body = bodyOf(value);
  const size = unit === 'bytes' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (size < minBody) return `${name} is too short for production (at least ${minBody} ${unit}${unit === 'bytes' ? '' : ' after the prefix'})`;
  if (distinct(body) < MIN_DISTINCT_CHARACTERS) return `${name} has too little variety for production (at least ${MIN_DISTINCT_CHARACTERS} distinct characters)`;
  return null;
}

const afterPrefix = (value: string) => value.replace(/^(whsec|sk|rk)_((test|live)_)?/, '');

/** The development default of PUBLIC_APP_URL: links in production e-mail must not point at it. */
export const DEFAULT_PUBLIC_APP_URL = 'http://localhost:3000';

/** Why PUBLIC_APP_URL is not fit for production e-mail links (a verification token sent over http is readable on the way), or null. */
function publicUrlWeakness(url: string | undefined): string | null {
  if (url === undefined) return null;
  if (url === DEFAULT_PUBLIC_APP_URL) return 'PUBLIC_APP_URL is the development default: set the address your users open in production';
  if (!url.startsWith('https://')) return 'PUBLIC_APP_URL must be an https URL in production (e-mail links carry tokens)';
  return null;
}

/** Every production secret problem, one line each, naming the variable. */
export function productionSecretProblems(config: { JWT_SECRET: string; STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; PUBLIC_APP_URL?: string }): string[] {
  return [
    weakness('JWT_SECRET', config.JWT_SECRET, MIN_JWT_SECRET_BYTES, (v) => v, 'bytes'),
    weakness('STRIPE_SECRET_KEY', config.STRIPE_SECRET_KEY, MIN_STRIPE_SECRET_BODY, afterPrefix, 'characters'),
    weakness('STRIPE_WEBHOOK_SECRET', config.STRIPE_WEBHOOK_SECRET, MIN_STRIPE_SECRET_BODY, afterPrefix, 'characters'),
    publicUrlWeakness(config.PUBLIC_APP_URL),
  ].filter((p): p is string => p !== null);
}
