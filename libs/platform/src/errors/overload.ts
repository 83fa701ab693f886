/**
 * Errors that mean "the database or Redis cannot take this request now", not "the code is wrong":
 * they answer 503 with Retry-After (the client retries; it is no server bug) and are logged at
 * warn. Anything not named here stays a 500.
 */

/** Seconds an overloaded request is told to wait: long enough for a burst to drain, short enough not to stall a user. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;

/** PostgreSQL SQLSTATEs of a server that is full, starting, or that cut a request short by a timeout. */
export const OVERLOAD_SQLSTATES: Readonly<Record<string, string>> = {
  '53300': 'too_many_connections',
  '57P03': 'cannot_connect_now',
  '57014': 'query_canceled (statement_timeout)',
  '25P03': 'idle_in_transaction_session_timeout',
};

/** pg-pool's and pg's own errors: no pooled connection within connectionTimeoutMillis. */
const PG_TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/**
 * By class name, since their classes are not exported where we could import them cheaply:
 * knex's pool acquire timeout (MikroORM) and ioredis giving up on a command while Redis is down.
 */
const OVERLOAD_ERROR_NAMES = new Set(['KnexTimeoutError', 'MaxRetriesPerRequestError']);

/** The database refused the TCP connection (restarting, or not there yet). */
const OVERLOAD_SYSCALL_CODES = new Set(['ECONNREFUSED']);

/**
 * Whether `error` (or what it wraps: MikroORM copies the driver's `code` onto its exception, pg
 * and others chain `cause`) is an overload. Returns the reason, for the log line.
 */
export function overloadReasonOf(error: unknown): string | undefined {
  let current: unknown = error;
  // Not `instanceof Error`: Node's socket errors may come from another realm (vm, test sandboxes).
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && code in OVERLOAD_SQLSTATES) return `SQLSTATE ${code} ${OVERLOAD_SQLSTATES[code]}`;
    if (typeof code === 'string' && OVERLOAD_SYSCALL_CODES.has(code)) return code;
    if (typeof name === 'string' && OVERLOAD_ERROR_NAMES.has(name)) return name;
    if (typeof message === 'string' && PG_TIMEOUT_MESSAGES.includes(message)) return message;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isOverload(error: unknown): boolean {
  return overloadReasonOf(error) !== undefined;
}
