/** A Stripe-shaped API error: `{ error: { type, code, message, param } }` with Stripe's status codes. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error' | 'authentication_error',
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string; payment_intent?: unknown } = {},
  ) {
    super(message);
  }

  toBody(requestId: string) {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...this.extra,
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
      },
    };
  }
}

export const missing = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });

export const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new StripeApiError(400, 'invalid_request_error', message, { code, ...(param ? { param } : {}) });

export function requireInteger(value: unknown, param: string, { min = 0 } = {}): number {
  if (value === undefined || value === '') throw new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });
  const n = Number(value);
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || n < min) throw invalid(`Invalid integer: ${String(value)}`, param, 'parameter_invalid_integer');
  return n;
}

export function requireString(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });
  }
  return value;
}
