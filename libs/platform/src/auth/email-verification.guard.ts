import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Counter } from 'prom-client';
import { Clock } from '../context/clock';
import { Principal } from '../context/request-context';
import { TenantDb } from '../database/tenant-db';
import { Metrics } from '../observability/metrics';
import { EmailVerificationRequired } from './email-verification-refusals';
import { httpRequestOf } from './jwt-auth.guard';
import { IS_PUBLIC } from './public.decorator';
import { VerifiedTenants } from './verified-tenants';

const ALLOW_UNVERIFIED = 'workbay:allow-unverified';
/** A command an unverified shop may still run after its grace (asking for the verification e-mail again). */
export const AllowUnverified = () => SetMetadata(ALLOW_UNVERIFIED, true);

/**
 * After the grace, an unverified shop's commands are refused (403 EMAIL_VERIFICATION_REQUIRED);
 * reads, login and verifying still work. Runs after authentication, so the principal is there.
 *
 * Free on the common path: the token says when the grace ends (`evd`, absent once the shop is
 * verified), so a verified shop, or one within its grace, is decided without any I/O. Only a
 * token past its `evd` asks the database (is the shop verified by now? has the grace been moved?)
 * and a shop found verified is remembered (VerifiedTenants), so verifying lifts the block at
 * once, without a new login, and costs each process one lookup per shop.
 */
@Injectable()
export class EmailVerificationGuard implements CanActivate {
  private readonly lookups: Counter<'outcome'>;

  constructor(private readonly reflector: Reflector, private readonly clock: Clock, private readonly db: TenantDb, private readonly verified: VerifiedTenants, metrics: Metrics) {
    this.lookups = new Counter({
      name: 'workbay_email_verification_lookups_total',
      help: 'Commands whose token was past its e-mail verification grace, so the database was asked; by outcome (verified, extended grace, blocked)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED, targets)) return true;
    const principal = httpRequestOf(context)?.user as Principal | undefined;
    const due = principal?.emailVerificationDue;
    if (!principal || due === undefined || this.clock.now().getTime() < due * 1000 || !isCommand(context)) return true;
    if (this.verified.has(principal.tenantId)) return true;
    const [row] = await this.db.run((em) =>
      em.execute<{ email_verified_at: Date | null; email_verification_due: Date | null }[]>(`select email_verified_at, email_verification_due from platform.tenants`),
    principal.tenantId);
    if (row?.email_verified_at) {
      this.verified.add(principal.tenantId);
      this.lookups.inc({ outcome: 'verified' });
      return true;
    }
    const dueNow = row?.email_verification_due ? new Date(row.email_verification_due) : null;
    if (!dueNow || this.clock.now() < dueNow) {
      this.lookups.inc({ outcome: 'extended' });
      return true;
    }
    this.lookups.inc({ outcome: 'blocked' });
    throw new EmailVerificationRequired(dueNow);
  }
}

/** What the idempotency interceptor calls a command too: a REST write, or a GraphQL mutation. */
function isCommand(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getInfo()?.operation?.operation === 'mutation';
  const method = context.switchToHttp().getRequest<{ method?: string }>().method;
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
