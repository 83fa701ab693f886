import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '../errors/errors';
import { JwtStrategy } from './jwt.strategy';
import { IS_PUBLIC } from './public.decorator';

export function httpRequestOf(context: ExecutionContext) {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext().req
    : context.switchToHttp().getRequest();
}

/** What passport adds to a strategy for one authentication (passport's own `authenticate` does the same). */
interface StrategyRun {
  authenticate(req: unknown, options: object): void;
  success(user: unknown): void;
  fail(): void;
  error(err: unknown): void;
  pass(): void;
  redirect(): void;
}

/**
 * Runs this app's JwtStrategy on the request itself instead of through `passport.authenticate`:
 * passport keeps strategies in one process-wide registry by name, so with two apps in a process
 * (the e2e suites) every request was checked by whichever app registered 'jwt' last, against that
 * app's database. The verification is passport-jwt's, unchanged.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly strategy: JwtStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = httpRequestOf(context);
    req.user = this.handleRequest(...(await this.authenticate(req)));
    return true;
  }

  private authenticate(req: unknown): Promise<[unknown, unknown]> {
    return new Promise((resolve) => {
      const run = Object.create(this.strategy) as StrategyRun;
      run.success = (user) => resolve([null, user]);
      run.fail = () => resolve([null, false]);
      run.error = (err) => resolve([err, false]);
      run.pass = () => resolve([null, false]);
      run.redirect = () => resolve([null, false]);
      run.authenticate(req, {});
    });
  }

  private handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw err instanceof Error && !(err.name === 'Error') ? err : new UnauthenticatedError('a valid bearer token is required');
    return user;
  }
}
