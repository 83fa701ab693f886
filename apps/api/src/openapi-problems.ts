import type { ParameterObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed: `errors[].field` names each bad field (body, query, path or header)',
  401: 'No valid bearer token (or API key: unknown, malformed or revoked)',
  403: "The token's roles (or the record's owner) do not allow this; on a command also `EMAIL_VERIFICATION_REQUIRED`: the shop's owner has not verified their e-mail within the grace (reads still work); for an API key `API_KEY_NOT_ACCEPTED` (the operation accepts none) or `API_KEY_SCOPE_MISSING`",
  404: "Not found (also for another tenant's ids)",
  409: 'Conflict: a concurrent change, an illegal state, or the same Idempotency-Key still running',
  413: 'The request body is too large',
  422: 'A business rule refused it, or the Idempotency-Key was already used with a different request',
  429: 'Too many requests: retry later',
  502: 'The payment provider (Stripe) failed or did not answer: retry with the same Idempotency-Key',
  503: '`SERVICE_UNAVAILABLE`: the database or Redis is overloaded or unreachable; retry after `Retry-After` seconds (a command with the same Idempotency-Key)',
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
          // Extension members (RFC 9457 §3.2) of the entitlement problems, present only on those.
          feature: { type: 'string', description: '`FEATURE_NOT_IN_PLAN`: the feature the plan lacks', example: 'multi_location' },
          plan: { type: 'string', description: "`FEATURE_NOT_IN_PLAN`, `PLAN_LIMIT_EXCEEDED`: the shop's plan", example: 'starter' },
          meter: { type: 'string', description: '`QUOTA_EXCEEDED`: the meter whose hard quota is reached', example: 'customers_created' },
          limit: { type: 'integer', minimum: 0, description: '`QUOTA_EXCEEDED`: the hard quota of the period; `PLAN_LIMIT_EXCEEDED`: the plan\'s limit', example: 200 },
          limitName: { type: 'string', description: '`PLAN_LIMIT_EXCEEDED`: the structural limit of the plan', example: 'approvalGatesPerPolicy' },
          requested: { type: 'integer', minimum: 0, description: '`PLAN_LIMIT_EXCEEDED`: what was asked for', example: 5 },
          usage: { type: 'integer', minimum: 0, description: '`QUOTA_EXCEEDED`: units counted in the period', example: 200 },
          resetsAt: { type: 'string', format: 'date-time', description: '`QUOTA_EXCEEDED`: when the period ends and the quota is free again' },
          accountId: { type: 'string', description: "`STRIPE_ONBOARDING_INCOMPLETE`: the shop's Stripe account that cannot charge yet", example: 'acct_1Nv0FGQ9RKHgCVdK' },
          requirementsDue: {
            type: 'array', items: { type: 'string' }, description: '`STRIPE_ONBOARDING_INCOMPLETE`: what Stripe still needs before the account can charge', example: ['external_account', 'tos_acceptance.date'],
          },
          disabledReason: { type: 'string', nullable: true, description: "`STRIPE_ONBOARDING_INCOMPLETE`: Stripe's requirements.disabled_reason", example: 'requirements.past_due' },
          conflict: {
            type: 'object', description: '`SLOT_TAKEN`: the appointment in the way (UTC)', required: ['start', 'end'],
            properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } },
          },
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
