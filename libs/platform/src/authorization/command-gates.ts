import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { IS_PUBLIC } from '../auth/public.decorator';
import { Principal } from '../context/request-context';

/**
 * A check every signed-in command passes after authorization, owned by the context that knows
 * the rule (identity: an unverified shop past its grace; billing: a suspended tenant). It throws
 * the refusal. Reads never reach a gate.
 */
export interface CommandGate {
  admit(principal: Principal, context: ExecutionContext): void | Promise<void>;
}

/** Where contexts register their gates (on module init), so the kernel's guard knows none of them by name. */
@Injectable()
export class CommandGates {
  private readonly gates: CommandGate[] = [];

  add(gate: CommandGate): void {
    this.gates.push(gate);
  }

  get all(): readonly CommandGate[] {
    return this.gates;
  }
}

/** Registered after the abilities guard: authenticated and authorized commands meet the gates. */
@Injectable()
export class CommandGatesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly gates: CommandGates) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.gates.all.length === 0 || !isCommand(context)) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const principal = httpRequestOf(context)?.user as Principal | undefined;
    if (!principal) return true;
    for (const gate of this.gates.all) await gate.admit(principal, context);
    return true;
  }
}

/** A command: a REST write, or a GraphQL mutation (the idempotency interceptor's meaning too). */
function isCommand(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getInfo()?.operation?.operation === 'mutation';
  const method = context.switchToHttp().getRequest<{ method?: string }>().method;
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
