import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCEPTS_API_KEY, ApiKeyScope } from '../auth/accepts-api-key.decorator';
import { ApiKeyNotAccepted, ApiKeyScopeMissing } from '../auth/api-key-refusals';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { IS_PUBLIC } from '../auth/public.decorator';
import { Principal } from '../context/request-context';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { abilityFor, Action, Subject } from './abilities';

const REQUIRED = 'workbay:ability';
export const RequireAbility = (action: Action, subject: Subject) => SetMetadata(REQUIRED, { action, subject });
const SIGNED_IN = 'workbay:signed-in';
/** Any signed-in user of the shop, whatever their roles (their own session, e.g. GET /auth/me): an explicit choice, not a forgotten annotation. */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

/**
 * Runs after authentication and before any handler (REST or GraphQL). A route that is neither
 * public nor annotated is refused: forgetting the annotation must not open a door.
 */
@Injectable()
export class AbilitiesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<{ action: Action; subject: Subject }>(REQUIRED, targets);
    const principal = httpRequestOf(context)?.user as Principal | undefined;
    if (!principal) throw new UnauthenticatedError();
    if (principal.apiKey) return this.admitApiKey(principal.apiKey.scopes, targets);
    if (this.reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)) return true;
    if (!required) throw new ForbiddenError('this operation declares no permission and is refused');
    if (!abilityFor(principal).can(required.action, required.subject)) {
      throw new ForbiddenError(`your roles (${principal.roles.join(', ')}) may not ${required.action} ${required.subject}`);
    }
    return true;
  }

  /**
   * An API key has no roles: on an operation that accepts keys for a scope, holding that scope
   * stands in for the ability; everywhere else (`@SignedIn()` too) it is refused, so a key
   * reaches only what was opened to its scopes.
   */
  private admitApiKey(scopes: readonly ApiKeyScope[], targets: Function[]): boolean {
    const accepted = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(ACCEPTS_API_KEY, targets);
    if (!accepted) throw new ApiKeyNotAccepted();
    if (!scopes.includes(accepted)) throw new ApiKeyScopeMissing(accepted);
    return true;
  }
}
