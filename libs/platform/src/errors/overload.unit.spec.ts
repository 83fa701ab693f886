import { ConnectionException, ServerException } from '@mikro-orm/core';
import { AppError, retryAfterSecondsOf } from './errors';
import { OVERLOAD_RETRY_AFTER_SECONDS, OVERLOAD_SQLSTATES, overloadReasonOf } from './overload';
import { toProblem } from './problem-details';

// As pg raises a server's refusal: a DatabaseError whose `code` is the SQLSTATE.
const pgError = (code: string, message = 'refused') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('an overloaded database or Redis is a 503 with Retry-After, not a 500', () => {
  it.each(['53300', '57P03', '57014', '25P03'])('maps SQLSTATE %s to 503 SERVICE_UNAVAILABLE with Retry-After', (code) => {
    expect(OVERLOAD_SQLSTATES[code]).toBeDefined();
    const error = pgError(code);
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', type: 'https://workbay.dev/problems/service-unavailable' });
    expect(retryAfterSecondsOf(error)).toBe(OVERLOAD_RETRY_AFTER_SECONDS);
  });

  it('sees the SQLSTATE through MikroORM, which copies the driver error onto its own exception', () => {
    expect(toProblem(new ServerException(pgError('57014', 'canceling statement due to statement timeout'))).status).toBe(503);
    expect(toProblem(new ConnectionException(pgError('53300', 'sorry, too many clients already'))).status).toBe(503);
  });

  it('sees an overload chained as the cause of another error', () => {
    const wrapped = new Error('Connection terminated due to connection timeout', { cause: new Error('connect') });
    expect(toProblem(new Error('append failed', { cause: wrapped })).status).toBe(503);
  });

  it('maps pg-pool, knex and ioredis exhaustion errors by their message or name', () => {
    const byName = (name: string) => Object.assign(new Error('x'), { name });
    for (const error of [new Error('timeout exceeded when trying to connect'), byName('KnexTimeoutError'), byName('MaxRetriesPerRequestError'), Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })]) {
      expect(overloadReasonOf(error)).toBeDefined();
      expect(toProblem(error).status).toBe(503);
    }
  });

  it('keeps a real bug, and other SQLSTATEs, a 500 without Retry-After', () => {
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'id')"), pgError('42P01', 'relation "x" does not exist'), pgError('23505'), 'a string']) {
      expect(toProblem(error)).toMatchObject({ status: 500, code: 'INTERNAL' });
      expect(retryAfterSecondsOf(error)).toBeUndefined();
    }
  });

  it('leaves an application error its own status and no Retry-After, even when an overload caused it', () => {
    class Refused extends AppError {
      readonly status = 409;
      readonly code = 'CONFLICT';
    }
    const error = new Refused('no');
    Object.assign(error, { cause: pgError('53300') });
    expect(toProblem(error).status).toBe(409);
    expect(retryAfterSecondsOf(error)).toBeUndefined();
  });
});
