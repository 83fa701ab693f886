import { ConflictError } from '../errors/errors';

/** 409 for a repeat that arrives while the key's first request still holds its lease. */
export class IdempotencyInProgress extends ConflictError {
  constructor(readonly retryAfterSeconds: number) {
    super(`a request with this Idempotency-Key is still being processed; retry in ${retryAfterSeconds} s`, 'IDEMPOTENCY_IN_PROGRESS');
  }
}
