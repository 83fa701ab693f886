import { BadRequestException } from '@nestjs/common';
import { ConcurrencyError, DomainError } from '@workbay/eventstore';
import { NotFoundError, ValidationFailed } from './errors';
import { toProblem, validationFailedFrom } from './problem-details';

class QuoteNotSent extends DomainError {
  readonly code = 'QUOTE_NOT_SENT';
  override readonly kind = 'conflict' as const;
}
class NotYourLine extends DomainError {
  readonly code = 'NOT_ASSIGNED_TECHNICIAN';
  override readonly kind = 'forbidden' as const;
}
class BadLine extends DomainError {
  readonly code = 'BAD_LINE';
  readonly field = 'lines[0].quantity';
}

// As body-parser raises them (http-errors: status, expose for a client error, type).
const httpError = (status: number, message: string, type: string) =>
  Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, type });

describe('problem details', () => {
  it('maps a validation failure to 400 naming the field', () => {
    const p = toProblem(new ValidationFailed([{ field: 'vin', message: 'must be 17 characters' }]));
    expect(p).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'vin' }] });
  });

  it('maps a domain conflict to 409 and a broken rule to 422 with its field', () => {
    expect(toProblem(new QuoteNotSent('quote is draft')).status).toBe(409);
    expect(toProblem(new BadLine('quantity must be positive'))).toMatchObject({ status: 422, errors: [{ field: 'lines[0].quantity' }] });
  });

  it('maps a rule that bars this actor (not the action) to 403 keeping its code', () => {
    expect(toProblem(new NotYourLine('line 2 is assigned to another technician'))).toMatchObject({ status: 403, code: 'NOT_ASSIGNED_TECHNICIAN' });
  });

  it('maps a concurrency error to 409 and not-found to 404', () => {
    expect(toProblem(new ConcurrencyError('s', 1, 2)).status).toBe(409);
    expect(toProblem(new NotFoundError('quote', 'x')).status).toBe(404);
  });

  it('never calls a malformed JSON body a server error', () => {
    expect(toProblem(new BadRequestException('Unexpected token } in JSON at position 5'))).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
  });

  it("answers the body parser's own client errors with their status, naming the body", () => {
    expect(toProblem(httpError(413, 'request entity too large', 'entity.too.large'))).toMatchObject({
      status: 413, code: 'PAYLOAD_TOO_LARGE', errors: [{ field: 'body' }],
    });
    expect(toProblem(httpError(415, 'unsupported charset "X"', 'charset.unsupported'))).toMatchObject({ status: 415 });
  });

  it('keeps a server-side http error (no `expose`) a 500', () => {
    expect(toProblem(httpError(502, 'upstream down', 'x')).status).toBe(500);
  });

  it('names nested fields by their path', () => {
    const failed = validationFailedFrom([
      { property: 'lines', children: [{ property: '1', children: [{ property: 'quantity', constraints: { isPositive: 'quantity must be positive' }, children: [] }] }] },
    ]);
    expect(failed.fields).toEqual([{ field: 'lines[1].quantity', message: 'quantity must be positive' }]);
  });

  it('hides the details of unexpected errors behind a 500', () => {
    expect(toProblem(new Error('connection string with password'))).toMatchObject({ status: 500, detail: 'unexpected error' });
  });
});
