import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '../errors/errors';
import { IS_PUBLIC } from './public.decorator';

export function httpRequestOf(context: ExecutionContext) {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext().req
    : context.switchToHttp().getRequest();
}

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override getRequest(context: ExecutionContext) {
    return httpRequestOf(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw err instanceof Error && !(err.name === 'Error') ? err : new UnauthenticatedError('a valid bearer token is required');
    return user;
  }
}
