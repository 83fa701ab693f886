import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from './errors';
import { validationFailedFrom } from './problem-details';
import { findStructuralProblem } from './request-structure';

/** Query parameters that the edge itself consumes, not a handler's arguments. */
const EDGE_QUERY_PARAMETERS = ['minPosition'];

/**
 * The global validation: unknown fields are refused (a typo must not be silently ignored), except
 * the query parameters read by interceptors (`?minPosition=` is validated by
 * WaitForProjectionInterceptor), which every read accepts without declaring them in its DTO.
 * Before any DTO rule, one structural check of every body, query and path value (GraphQL
 * arguments arrive here as well): no text PostgreSQL cannot store, no nesting deeper than any
 * DTO has (see request-structure).
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
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
      return super.transform(rest, metadata);
    }
    return super.transform(value, metadata);
  }
}
