import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, Observable } from 'rxjs';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { IS_PUBLIC } from '../auth/public.decorator';
import { Principal } from '../context/request-context';
import { Entitlements } from './entitlements.port';
import { ENTITLEMENT_REQUIRED, EntitlementRequirement } from './require-entitlement.decorator';

/** The response header a request past a soft quota carries, e.g. `customers_created; used=151; soft=150; hard=200`. */
export const QUOTA_WARNING_HEADER = 'Workbay-Quota-Warning';

function requirementOf(reflector: Reflector, context: ExecutionContext): EntitlementRequirement | undefined {
  return reflector.getAllAndOverride<EntitlementRequirement>(ENTITLEMENT_REQUIRED, [context.getHandler(), context.getClass()]);
}

function entitlementsOrFail(entitlements: Entitlements | undefined): Entitlements {
  // Fail closed: an endpoint that declares a requirement must not open because billing is not loaded.
  if (!entitlements) throw new Error('an endpoint declares @RequireEntitlement but no Entitlements provider is loaded');
  return entitlements;
}

/**
 * Registered right after the abilities guard: an authorized caller whose plan lacks the feature
 * is refused (403 FEATURE_NOT_IN_PLAN) before any work. Quotas are counted later, by the
 * interceptor below, so that only a request every guard let through consumes a unit.
 */
@Injectable()
export class EntitlementsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Optional() private readonly entitlements?: Entitlements) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = requirementOf(this.reflector, context);
    if (!requirement?.feature) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const principal = httpRequestOf(context)?.user as Principal | undefined;
    if (!principal) return true; // the abilities guard already refused it
    await entitlementsOrFail(this.entitlements).requireFeature(principal.tenantId, requirement.feature);
    return true;
  }
}

/**
 * Counts the declared meter's units against the quota around the handler. Registered after the
 * idempotency interceptor, so a replayed command (its stored result) counts nothing, and after
 * every guard (a request refused by a command gate counts nothing either). A request that fails
 * after the reservation (validation 400 in a pipe, 404/409/422 from the handler, a 5xx) gives its
 * units back on the error path. A process killed between reserve and give-back keeps at most the
 * units of its in-flight requests counted; see libs/billing/README.md.
 */
@Injectable()
export class QuotaInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, @Optional() private readonly entitlements?: Entitlements) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const requirement = requirementOf(this.reflector, context);
    if (!requirement?.meter) return next.handle();
    const principal = httpRequestOf(context)?.user as Principal | undefined;
    if (!principal) return next.handle();
    const entitlements = entitlementsOrFail(this.entitlements);
    const meter = requirement.meter;
    return from(
      (async () => {
        const reservation = await entitlements.reserve(principal.tenantId, meter, requirement.units ?? 1);
        if (!reservation) return lastValueFrom(next.handle(), { defaultValue: undefined });
        let result: unknown;
        try {
          result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          await entitlements.giveBack(reservation);
          throw error;
        }
        if (reservation.warning) responseOf(context)?.setHeader?.(QUOTA_WARNING_HEADER, reservation.warning);
        return result;
      })(),
    );
  }
}

/**
 * What bindToCommands puts on each command handler (inside the idempotency interceptor): it finds
 * the API's QuotaInterceptor on first use, as CommandIdempotencyInterceptor does, so a context's
 * module needs no billing provider of its own.
 */
@Injectable()
export class CommandQuotaInterceptor implements NestInterceptor {
  private target?: QuotaInterceptor;

  constructor(private readonly moduleRef: ModuleRef) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.target ??= this.moduleRef.get(QuotaInterceptor, { strict: false });
    return this.target.intercept(context, next);
  }
}

function responseOf(context: ExecutionContext): { setHeader?: (name: string, value: string) => void } | undefined {
  return context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext().res : context.switchToHttp().getResponse();
}
