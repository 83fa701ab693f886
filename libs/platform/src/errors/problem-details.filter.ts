import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Request, Response } from 'express';
import { RateLimited } from './errors';
import { toProblem } from './problem-details';

/** The single place where errors become HTTP responses (REST) or GraphQL errors. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost) {
    const problem = toProblem(error);
    const retryAfter = error instanceof RateLimited ? { retryAfter: error.retryAfterSeconds } : {};
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(problem.detail, {
        extensions: { code: problem.code, status: problem.status, type: problem.type, errors: problem.errors, ...retryAfter },
      });
    }
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (error instanceof RateLimited) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json({ ...problem, instance: req.originalUrl });
  }
}
