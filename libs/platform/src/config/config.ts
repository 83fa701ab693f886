import { plainToInstance, Transform } from 'class-transformer';
import { esdbConnectionProblem } from '@workbay/eventstore';
import { DEFAULT_PUBLIC_APP_URL, productionSecretProblems } from './production-secrets';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every environment variable Workbay reads, validated once at start-up. Nothing else in the code
 * base reads process.env: inject `AppConfig` instead.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /** Largest JSON or form body, in bytes (REST and GraphQL): a bigger one is a 413 before it is parsed. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  HTTP_BODY_LIMIT = 1024 * 1024;

  /** Owner connection: migrations only. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/workbay';

  /** The API's role: no BYPASSRLS, every query scoped by row-level security. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'APP_DATABASE_URL must be a postgres:// URL' })
  APP_DATABASE_URL = 'postgres://workbay_app@127.0.0.1:5432/workbay';

  /** Worker/CLI role: reads across tenants (projections, verification, login lookup). */
  @Matches(/^postgres(ql)?:\/\//, { message: 'SYSTEM_DATABASE_URL must be a postgres:// URL' })
  SYSTEM_DATABASE_URL = 'postgres://workbay_system@127.0.0.1:5432/workbay';

  /**
   * How long a request waits for a pooled database connection (pg's connectionTimeoutMillis, the
   * ORM pool's acquire timeout). Past it the request answers 503 with Retry-After instead of
   * hanging while the pool or the server is exhausted.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(60_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Namespace of every BullMQ key (`<prefix>:<queue>:...`). Two deployments (or two test
   * databases) sharing one Redis must differ here, or their workers take each other's jobs.
   */
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'BULLMQ_PREFIX must be 1-100 letters, digits, _ . : or -' })
  BULLMQ_PREFIX = 'workbay';

  /** How often the worker looks for Stripe webhook events the queue lost (Postgres decides completeness). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(3_600_000)
  WEBHOOK_SWEEP_INTERVAL_MS = 30_000;

  /** An inbox row still unprocessed this long after it arrived is enqueued again, unless its job is still on its way. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(86_400_000)
  WEBHOOK_SWEEP_AFTER_MS = 60_000;

  /** How often the worker appends audit events of identity changes that their request left staged. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(3_600_000)
  AUDIT_OUTBOX_SWEEP_INTERVAL_MS = 10_000;

  /** Staged audit events older than this are the sweep's; younger ones are still their request's to append. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(86_400_000)
  AUDIT_OUTBOX_SWEEP_AFTER_MS = 10_000;

  /** How often the worker looks for due timers whose BullMQ job Redis lost (Postgres decides what is due). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(3_600_000)
  TIMER_SWEEP_INTERVAL_MS = 30_000;

  /** A timer still scheduled this long after its due time is enqueued again, unless its job is still on its way. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(86_400_000)
  TIMER_SWEEP_AFTER_MS = 30_000;

  /**
   * How long a claimed Idempotency-Key belongs to the request running it. A repeat meanwhile gets
   * 409 with Retry-After; after it (the API died mid-command) the repeat takes the key over and
   * runs the command again under the same key. Keep it longer than any command takes.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(100) @Max(3_600_000)
  IDEMPOTENCY_LEASE_MS = 30_000;

  /** Where notification e-mail goes (nodemailer's smtp:// or smtps:// URL, credentials in it if the relay needs them). */
  @Matches(/^smtps?:\/\/[^\s/?#]+\/?(\?\S*)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:1025' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The From of notification e-mail: an address, optionally with a display name (`Workbay <no-reply@example.com>`). */
  @Matches(/^([^<>\r\n]{0,100}<)?[^\s@<>]+@[^\s@<>]+(>)?$/, { message: 'MAIL_FROM must be an e-mail address, optionally as "Name <address>"' })
  MAIL_FROM = 'Workbay <no-reply@workbay.local>';

  /** Delivery attempts of one notification (e-mail or webhook) before it is marked failed. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(50)
  NOTIFICATION_MAX_ATTEMPTS = 8;

  /** First retry delay of a notification; each further one doubles (1 s, 2 s, 4 s ... by default). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(3_600_000)
  NOTIFICATION_BACKOFF_MS = 1000;

  /** A verification run's BullMQ lock: a worker killed mid-run has its run retried elsewhere about this long after (libs/audit). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1_000) @Max(3_600_000)
  VERIFICATION_LOCK_MS = 30_000;

  /** How often the worker looks for verification runs left behind (never enqueued, lost by Redis, their worker gone). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(3_600_000)
  VERIFICATION_SWEEP_INTERVAL_MS = 15_000;

  /** A run queued or running with no heartbeat this long, and no job on its way, is enqueued again. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1_000) @Max(86_400_000)
  VERIFICATION_STALE_AFTER_MS = 30_000;

  /** How often the worker looks for pending notifications whose job Redis lost (or never got). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(50) @Max(3_600_000)
  NOTIFICATION_SWEEP_INTERVAL_MS = 30_000;

  /** A notification still pending this long after it was staged, with no job on its way, is enqueued again. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(86_400_000)
  NOTIFICATION_SWEEP_AFTER_MS = 60_000;

  /**
   * Where the people Workbay e-mails open its app: the base of links in e-mail (the signup's
   * verification link is `<PUBLIC_APP_URL>/verify-email?token=...`). Production must set its own.
   */
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_APP_URL must be an http(s) URL without query or fragment, such as https://app.example.com' })
  PUBLIC_APP_URL = DEFAULT_PUBLIC_APP_URL;

  /** How long a signup's e-mail verification link works: a duration such as 48h, 30m, 90s, 2d (plain digits are seconds). */
  @Transform(({ value }) => durationMs(value)) @IsInt({ message: 'EMAIL_VERIFICATION_TTL must be a duration such as 48h, 30m or 90s' }) @Min(1000) @Max(30 * 86_400_000)
  EMAIL_VERIFICATION_TTL = 48 * 3_600_000;

  /** How long after signup a shop whose owner has not verified their e-mail may still run commands (reads always work). */
  @Transform(({ value }) => durationMs(value)) @IsInt({ message: 'EMAIL_VERIFICATION_GRACE must be a duration such as 72h, 30m or 90s' }) @Min(0) @Max(365 * 86_400_000)
  EMAIL_VERIFICATION_GRACE = 72 * 3_600_000;

  /** Verification e-mails a shop may ask to be sent again within EMAIL_VERIFICATION_RESEND_WINDOW_SECONDS. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000)
  EMAIL_VERIFICATION_RESEND_MAX = 3;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(86_400)
  EMAIL_VERIFICATION_RESEND_WINDOW_SECONDS = 3600;

  @IsIn(['postgres', 'eventstoredb'])
  EVENT_STORE: 'postgres' | 'eventstoredb' = 'postgres';

  // The protocols @eventstore/db-client 6.2.1 parses (Client/parseConnectionString.js).
  @IsOptional() @Matches(/^(esdb|esdb\+discover):\/\//, { message: 'EVENTSTORE_URL must be an esdb:// or esdb+discover:// URL' })
  EVENTSTORE_URL?: string;

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = 'workbay-development-secret-change-me-please!!';

  /** `iss` of the tokens we sign; a token with another issuer is refused. */
  @Matches(/^\S{1,200}$/, { message: 'JWT_ISSUER must be 1-200 characters without spaces' })
  JWT_ISSUER = 'workbay';

  /** `aud` of the tokens we sign; a token meant for another audience is refused. */
  @Matches(/^\S{1,200}$/, { message: 'JWT_AUDIENCE must be 1-200 characters without spaces' })
  JWT_AUDIENCE = 'workbay-api';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /** Failed logins of one e-mail within LOGIN_FAILURE_WINDOW_SECONDS before it is locked (even for the right password). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000)
  LOGIN_MAX_FAILURES = 10;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** How long a locked e-mail stays locked. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(86_400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Login attempts (right or wrong, any e-mail) from one IP within LOGIN_IP_WINDOW_SECONDS. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(100_000)
  LOGIN_MAX_ATTEMPTS_PER_IP = 100;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(86_400)
  LOGIN_IP_WINDOW_SECONDS = 900;

  /**
   * The public booking pages' budget per visitor (IP address) and shop within
   * ONLINE_BOOKING_WINDOW_SECONDS: a page read costs 1 point, a change (book, reschedule, cancel) 6.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10) @Max(1_000_000)
  ONLINE_BOOKING_POINTS = 120;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(86_400)
  ONLINE_BOOKING_WINDOW_SECONDS = 60;

  /**
   * Argon2id memory (KiB) and passes for new password hashes (a stored hash keeps the cost it was
   * made with). Defaults: argon2's own, 64 MiB and 3 passes; production refuses less than OWASP's
   * floor (19 MiB, 2 passes). Tests lower it: each hash costs ~0.4 s of a core at the default.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1024) @Max(4 * 1024 * 1024)
  PASSWORD_HASH_MEMORY_KIB = 65_536;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(20)
  PASSWORD_HASH_TIME_COST = 3;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(30000)
  READ_WAIT_TIMEOUT_MS = 3000;

  /** Hours after a billing period ends during which late usage events still count in it; later ones need an explicit adjustment. */
  @Transform(({ value }) => Number(value)) @IsInt({ message: 'USAGE_LATE_GRACE_HOURS must be a whole number of hours' }) @Min(0) @Max(24 * 366)
  USAGE_LATE_GRACE_HOURS = 24;

  /**
   * Read-your-writes waits wake on the projections' NOTIFY; this slow re-check only covers a lost
   * notification (e.g. while the listening connection reconnects).
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10) @Max(60_000)
  READ_WAIT_FALLBACK_POLL_MS = 1000;

  /**
   * The worker wakes on the event store's NOTIFY (PostgreSQL); this slow poll only covers a lost
   * notification. On EventStoreDB, which sends none, the worker keeps its 100 ms idle poll.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10) @Max(600_000)
  WORKER_FALLBACK_POLL_MS = 5000;

  /** Events per projection transaction. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(10000)
  PROJECTION_BATCH_SIZE = 500;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(2) @Max(30)
  GRAPHQL_MAX_DEPTH = 8;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  GRAPHQL_MAX_COMPLEXITY = 500;

  /** Aliased fields per GraphQL document (aliases repeat a field within one request). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000)
  GRAPHQL_MAX_ALIASES = 30;

  /** Stripe secret key. The default is the local emulator's; real test keys work by configuration alone. */
  @Matches(/^(sk|rk)_(test|live)_\w+$/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_... or sk_live_...)' })
  STRIPE_SECRET_KEY = 'sk_test_workbay_emulator';

  /** Where the Stripe SDK sends requests: the emulator by default; https://api.stripe.com for real Stripe (the production default). */
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'STRIPE_API_BASE must be an origin such as http://127.0.0.1:12111 or https://api.stripe.com' })
  STRIPE_API_BASE = 'http://127.0.0.1:12111';

  /** The webhook endpoint's signing secret (Stripe-Signature is verified with it). */
  @Matches(/^whsec_\w+$/, { message: 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_...)' })
  STRIPE_WEBHOOK_SECRET = 'whsec_workbay_development_secret';
}

export class ConfigError extends Error {}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `48h`, `30m`, `90s`, `2d`, `500ms` or plain seconds, in milliseconds; NaN for anything else (so validation names the variable). */
export function durationMs(value: unknown): number {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+)\s*(ms|s|m|h|d)?\s*$/.exec(String(value));
  return match ? Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 's'] : NaN;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''),
  );
  const config = plainToInstance(AppConfig, present);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (config.NODE_ENV === 'production' && !present.STRIPE_API_BASE) config.STRIPE_API_BASE = 'https://api.stripe.com';
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_URL) {
    throw new ConfigError('Invalid configuration:\n  - EVENTSTORE_URL is required when EVENT_STORE=eventstoredb');
  }
  const esdbProblem = config.EVENT_STORE === 'eventstoredb' && config.EVENTSTORE_URL ? esdbConnectionProblem(config.EVENTSTORE_URL) : undefined;
  if (esdbProblem) throw new ConfigError(`Invalid configuration:\n  - ${esdbProblem}`);
  const lines = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m} (got ${JSON.stringify(env[e.property])})`),
  );
  // Whatever STRIPE_API_BASE says: an emulator reachable from production with a published key
  // would still let anybody sign webhooks or tokens.
  if (config.NODE_ENV === 'production') lines.push(...productionSecretProblems(config).map((p) => `  - ${p}`));
  if (config.NODE_ENV === 'production' && (config.PASSWORD_HASH_MEMORY_KIB < 19_456 || config.PASSWORD_HASH_TIME_COST < 2)) {
    lines.push('  - PASSWORD_HASH_MEMORY_KIB / PASSWORD_HASH_TIME_COST: below OWASP\'s argon2id floor (19456 KiB, 2 passes) in production');
  }
  if (lines.length > 0) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  return config;
}
