import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Request, Response } from 'express';
import { AppError, retryAfterSecondsOf } from './errors';
import { overloadReasonOf } from './overload';
import { toProblem } from './problem-details';

/** The single place where errors become HTTP responses (REST) or GraphQL errors. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost) {
    const problem = toProblem(error);
    const retryAfterSeconds = retryAfterSecondsOf(error);
    const retryAfter = retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {};
    const details = error instanceof AppError ? error.details : undefined;
    const overload = problem.status === 503 ? overloadReasonOf(error) : undefined;
    // An overload is the load's doing, not a bug: warn (no stack), so error lines stay real bugs.
    if (overload) this.logger.warn(`overloaded, answered 503: ${overload}`);
    else if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(problem.detail, {
        extensions: { ...details, code: problem.code, status: problem.status, type: problem.type, errors: problem.errors, ...retryAfter },
      });
    }
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json({ ...problem, instance: req.originalUrl });
  }
}
