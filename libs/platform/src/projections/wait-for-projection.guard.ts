import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { AppConfig } from '../config/config';
import { ValidationFailed } from '../errors/errors';
import { MIN_POSITION_ARGUMENT, MinPositionArgument } from './min-position-argument';
import { ReadModelWaiter } from './read-model-waiter';

const READS = 'workbay:reads-projection';
export const MIN_POSITION_HEADER = 'x-min-position';

/**
 * Marks a query as served by `projection`. A client that just ran a command passes the returned
 * position as `X-Min-Position` (or `?minPosition=`) and the read waits until that event is in.
 */
export const ReadsProjection = (projection: string) =>
  applyDecorators(
    SetMetadata(READS, projection),
    ApiHeader({ name: 'X-Min-Position', required: false, description: 'wait until the read model has this global position (read-your-writes)' }),
    ApiQuery({ name: 'minPosition', required: false, schema: { type: 'integer', minimum: 0 }, description: 'same as the X-Min-Position header' }),
  );

/** ReadsProjection for a GraphQL query: also declares its `minPosition: SafeInt` argument. */
export const ReadsProjectionQuery = (projection: string) => applyDecorators(SetMetadata(READS, projection), MinPositionArgument());

/**
 * The wait runs as the last global guard, after authentication and authorization and before the
 * pipes and the handler, rather than as an interceptor: a guard that has nothing to wait for
 * answers `true` at once, while every global interceptor costs each route an AsyncResource.bind
 * (two deprecation wrappers in Node 20) and an rxjs chain per request, waiting or not (issue #10).
 */
@Injectable()
export class WaitForProjectionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ReadModelWaiter,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): true | Promise<true> {
    const projection = this.reflector.get<string>(READS, context.getHandler());
    if (!projection) return true;
    const req = httpRequestOf(context);
    const raw = graphqlMinPosition(context) ?? req?.headers?.[MIN_POSITION_HEADER] ?? req?.query?.minPosition;
    if (raw === undefined || raw === '') return true;
    // A header or query string: digits only (Number() reads ' ' and '0x1f' as numbers too);
    // GraphQL's SafeInt argument arrives as a number already.
    const position = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new ValidationFailed([{ field: 'minPosition', message: 'must be a non-negative integer' }]);
    }
    // Positions start at 1: every read model has seen 0, and no event at 0 exists to wait for.
    if (position === 0) {
      req?.res?.setHeader?.('X-Read-Model-Caught-Up', 'true');
      return true;
    }
    return this.waiter.waitFor(projection, position, this.config.READ_WAIT_TIMEOUT_MS).then((caughtUp) => {
      req?.res?.setHeader?.('X-Read-Model-Caught-Up', String(caughtUp));
      return true as const;
    });
  }
}

/** The query's `minPosition` argument, taken out of the arguments: it is the edge's, not the resolver's. */
function graphqlMinPosition(context: ExecutionContext): unknown {
  if (context.getType<string>() !== 'graphql') return undefined;
  const args = GqlExecutionContext.create(context).getArgs<Record<string, unknown>>();
  if (!args || !(MIN_POSITION_ARGUMENT in args)) return undefined;
  const value = args[MIN_POSITION_ARGUMENT];
  delete args[MIN_POSITION_ARGUMENT];
  return value ?? undefined;
}
