import { SetMetadata } from '@nestjs/common';

/**
 * What the OpenAPI builder (apps/api/src/openapi.ts) cannot derive from a route's shape. Most
 * error responses follow from it (a body means 400 and 413, a path id 404, a token 401 and 403, a
 * command 409 and 422); these decorators name the exceptions, next to the route they describe.
 */
export const API_PROBLEMS = 'workbay:api-problems';
export const NOT_A_COMMAND = 'workbay:not-a-command';

/** Extra error statuses this route answers, e.g. `@ApiProblems(429)` where a rate limit applies. */
export const ApiProblems = (...statuses: number[]) => SetMetadata(API_PROBLEMS, statuses);

/**
 * A POST that is not a command a client retries with an `Idempotency-Key`: it changes nothing the
 * caller could repeat by mistake (login) or has its own deduplication (Stripe's event id), so it
 * documents neither the key nor the 409/422 a command's key and state checks give.
 */
export const ApiNotACommand = () => SetMetadata(NOT_A_COMMAND, true);
