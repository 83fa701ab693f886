import { isOverload, OVERLOAD_RETRY_AFTER_SECONDS } from './overload';

/**
 * Application errors with a stable type and HTTP status. One mapping (problem-details.ts) turns
 * these, DomainErrors and event-store errors into RFC 9457 bodies and GraphQL error codes.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(message: string, readonly fields: FieldError[] = []) {
    super(message);
    this.name = new.target.name;
  }

  /** Extension members of the problem body (RFC 9457 §3.2), e.g. a quota's meter and limit. */
  get details(): Record<string, unknown> | undefined {
    return undefined;
  }
}

/** Seconds a refused request should wait (sent as Retry-After): any 429 that knows it, and every overload (503). */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (!(error instanceof AppError)) return isOverload(error) ? OVERLOAD_RETRY_AFTER_SECONDS : undefined;
  if (error.status !== 429) return undefined;
  const seconds = (error as AppError & { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
}

export class ValidationFailed extends AppError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(fields: FieldError[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'invalid request', fields);
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'authentication required') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}

/** Also used for another tenant's ids: never reveal they exist. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = 'CONFLICT') {
    super(message);
    this.code = code;
  }
}

export class IdempotencyKeyReused extends AppError {
  readonly status = 422;
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('Idempotency-Key was already used with a different request', [
      { field: 'Idempotency-Key', message: 'already used with a different request' },
    ]);
  }
}

/** Too many attempts: the client may retry after `retryAfterSeconds` (sent as Retry-After). */
export class RateLimited extends AppError {
  readonly status = 429;
  readonly code = 'RATE_LIMITED';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
