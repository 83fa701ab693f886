import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ApiKeyAuthentication } from './api-key-authentication';
import { JwtStrategy } from './jwt.strategy';
import { IS_PUBLIC } from './public.decorator';

export function httpRequestOf(context: ExecutionContext) {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext().req
    : context.switchToHttp().getRequest();
}

/**
 * Runs this app's JwtStrategy on the request itself (no passport: its process-wide registry by
 * name checked every request of two apps in one process against whichever registered last, and
 * its per-request strategy run cost more than the HMAC; see token-verifier).
 *
 * A request that presents an API key (`X-Api-Key`, or a bearer credential with the key prefix)
 * is authenticated by ApiKeyAuthentication instead, and never reaches the JWT strategy or its
 * per-user re-check: a key has no user behind it.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly strategy: JwtStrategy, private readonly apiKeys: ApiKeyAuthentication) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = httpRequestOf(context);
    const apiKey = this.apiKeys.presented(req?.headers);
    req.user = apiKey !== null ? await this.apiKeys.authenticate(apiKey) : await this.strategy.authenticate(req?.headers);
    return true;
  }
}
