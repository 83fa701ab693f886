import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationFailed } from './errors';
import { validationFailedFrom } from './problem-details';
import { findStructuralProblem } from './request-structure';

/** Query parameters that the edge itself consumes, not a handler's arguments. */
const EDGE_QUERY_PARAMETERS = ['minPosition'];

/**
 * The global validation: unknown fields are refused (a typo must not be silently ignored), except
 * the query parameters read by interceptors (`?minPosition=` is validated by
 * WaitForProjectionGuard), which every read accepts without declaring them in its DTO.
 * Before any DTO rule, one structural check of every body, query and path value (GraphQL
 * arguments arrive here as well): no text PostgreSQL cannot store, no nesting deeper than any
 * DTO has (see request-structure).
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  /**
   * Per query DTO: does an empty query pass its rules? Most reads take no query parameters, and
   * the answer for `{}` never changes, so it is found once and the validator is skipped after
   * (issue #10: class-validator ran on every read). Its instance is still built per request.
   */
  private readonly emptyQueryPasses = new Map<Function, boolean>();

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationFailedFrom });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = findStructuralProblem(value, metadata.data ?? '');
      if (problem) throw new ValidationFailed([problem]);
    }
    if (metadata.type === 'query' && metadata.data === undefined && value && typeof value === 'object') {
      const rest = { ...(value as Record<string, unknown>) };
      for (const name of EDGE_QUERY_PARAMETERS) delete rest[name];
      const metatype = metadata.metatype;
      if (metatype && this.toValidate(metadata) && isEmpty(rest)) return this.emptyQuery(metatype, rest, metadata);
      return super.transform(rest, metadata);
    }
    return super.transform(value, metadata);
  }

  private async emptyQuery(metatype: Function, rest: object, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.emptyQueryPasses.get(metatype)) return plainToInstance(metatype as new () => object, {});
    try {
      const view = await super.transform(rest, metadata);
      this.emptyQueryPasses.set(metatype, true);
      return view;
    } catch (error) {
      this.emptyQueryPasses.set(metatype, false);
      throw error;
    }
  }
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
