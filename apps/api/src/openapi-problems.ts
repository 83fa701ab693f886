import type { ParameterObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed: `errors[].field` names each bad field (body, query, path or header)',
  401: 'No valid bearer token',
  403: "The token's roles (or the record's owner) do not allow this; on a command also `EMAIL_VERIFICATION_REQUIRED`: the shop's owner has not verified their e-mail within the grace (reads still work)",
  404: "Not found (also for another tenant's ids)",
  409: 'Conflict: a concurrent change, an illegal state, or the same Idempotency-Key still running',
  413: 'The request body is too large',
  422: 'A business rule refused it, or the Idempotency-Key was already used with a different request',
  429: 'Too many requests: retry later',
  502: 'The payment provider (Stripe) failed or did not answer: retry with the same Idempotency-Key',
};

/** Mirrors libs/platform/src/errors/problem-details.ts (ProblemDetails, FieldError). */
export function problemComponents(): { schemas: Record<string, SchemaObject>; parameters: Record<string, ParameterObject> } {
  return {
    schemas: {
      FieldError: {
        type: 'object',
        description: 'One bad field of the request',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'path of the field, e.g. `lines[1].quantity`, or a header name', example: 'email' },
          message: { type: 'string', example: 'email must be an email' },
        },
      },
      ProblemDetails: {
        type: 'object',
        description: 'RFC 9457 problem details',
        required: ['type', 'title', 'status', 'detail', 'code'],
        properties: {
          type: { type: 'string', format: 'uri', description: 'stable per `code`', example: 'https://workbay.dev/problems/validation-failed' },
          title: { type: 'string', example: 'Validation Failed' },
          status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
          detail: { type: 'string', example: 'email: email must be an email' },
          code: { type: 'string', description: 'stable error code (also `extensions.code` in GraphQL)', example: 'VALIDATION_FAILED' },
          errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
          instance: { type: 'string', description: 'the request path', example: '/auth/signup' },
        },
      },
    },
    parameters: {
      IdempotencyKey: {
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        description: 'Makes the command safe to retry: a repeat returns the first result; the same key with a different request is a 422, while the first still runs a 409.',
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$' },
      },
    },
  };
}
