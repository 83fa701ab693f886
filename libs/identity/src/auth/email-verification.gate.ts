import { ExecutionContext, Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock, CommandGate, CommandGates, Metrics, Principal, TenantDb } from '@workbay/platform';
import { Counter } from 'prom-client';
import { EmailVerificationRequired } from './email-verification-refusals';
import { VerifiedTenants } from './verified-tenants';

const ALLOW_UNVERIFIED = 'workbay:allow-unverified';
/** A command an unverified shop may still run after its grace (asking for the verification e-mail again). */
export const AllowUnverified = () => SetMetadata(ALLOW_UNVERIFIED, true);

/**
 * After the grace, an unverified shop's commands are refused (403 EMAIL_VERIFICATION_REQUIRED);
 * reads, login and verifying still work. A kernel command gate: it meets authenticated,
 * authorized commands only.
 *
 * Free on the common path: the token says when the grace ends (`evd`, absent once the shop is
 * verified), so a verified shop, or one within its grace, is decided without any I/O. Only a
 * token past its `evd` asks the database (is the shop verified by now? has the grace been moved?)
 * and a shop found verified is remembered (VerifiedTenants), so verifying lifts the block at
 * once, without a new login, and costs each process one lookup per shop.
 */
@Injectable()
export class EmailVerificationGate implements CommandGate, OnModuleInit {
  private readonly lookups: Counter<'outcome'>;

  constructor(private readonly gates: CommandGates, private readonly reflector: Reflector, private readonly clock: Clock, private readonly db: TenantDb, private readonly verified: VerifiedTenants, metrics: Metrics) {
    this.lookups = new Counter({
      name: 'workbay_email_verification_lookups_total',
      help: 'Commands whose token was past its e-mail verification grace, so the database was asked; by outcome (verified, extended grace, blocked)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.gates.add(this);
  }

  async admit(principal: Principal, context: ExecutionContext): Promise<void> {
    const due = principal.emailVerificationDue;
    if (due === undefined || this.clock.now().getTime() < due * 1000) return;
    if (this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED, [context.getHandler(), context.getClass()])) return;
    if (this.verified.has(principal.tenantId)) return;
    const [row] = await this.db.run((em) =>
      em.execute<{ email_verified_at: Date | null; email_verification_due: Date | null }[]>(`select email_verified_at, email_verification_due from platform.tenants where id = current_setting('app.tenant_id')::uuid`),
    principal.tenantId);
    if (row?.email_verified_at) {
      this.verified.add(principal.tenantId);
      this.lookups.inc({ outcome: 'verified' });
      return;
    }
    const dueNow = row?.email_verification_due ? new Date(row.email_verification_due) : null;
    if (!dueNow || this.clock.now() < dueNow) {
      this.lookups.inc({ outcome: 'extended' });
      return;
    }
    this.lookups.inc({ outcome: 'blocked' });
    throw new EmailVerificationRequired(dueNow);
  }
}
