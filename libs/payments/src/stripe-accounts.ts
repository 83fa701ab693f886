import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditOutbox, RequestContext, TenantDb } from '@workbay/platform';
import { PaymentGateway } from './payment-gateway';
import { StripeAccountView } from './payments.dto';

/** The current tenant's Stripe connected account (platform.tenants.stripe_account_id); connecting it is audited. */
@Injectable()
export class StripeAccounts {
  constructor(
    private readonly db: TenantDb,
    private readonly gateway: PaymentGateway,
    private readonly context: RequestContext,
    private readonly outbox: AuditOutbox,
  ) {}

  async current(): Promise<StripeAccountView> {
    const accountId = await this.db.run(async (em) => {
      const [row] = await em.execute<{ stripe_account_id: string | null }[]>(`select stripe_account_id from platform.tenants`);
      return row?.stripe_account_id ?? null;
    });
    return { connected: accountId !== null, accountId };
  }

  /**
   * Creates the connected account once. A repeat returns the stored one; two owners racing both
   * reach Stripe, but only the first id is kept (`where stripe_account_id is null`) and, for the
   * same owner, Stripe's idempotency key makes it the very same account.
   */
  async connect(): Promise<StripeAccountView & { created: boolean }> {
    const existing = await this.current();
    if (existing.connected) return { ...existing, created: false };
    const { tenantId, email } = this.context.principal;
    const country = await this.db.run(async (em) => {
      const [row] = await em.execute<{ country: string }[]>(`select country from platform.tenants`);
      return row?.country?.trim();
    });
    const key = `workbay-connect-${tenantId}-${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;
    const account = await this.gateway.createConnectedAccount(tenantId, email, { country, idempotencyKey: key });
    const staged = await this.db.run(async (em) => {
      const updated = await em.execute(
        `update platform.tenants set stripe_account_id = ? where id = ? and stripe_account_id is null returning id`, [account.id, tenantId],
      );
      // A racer that stored its account first made the change (and its audit event), not us.
      if (updated.length === 0) return false;
      return this.outbox.stage(em, tenantId, this.context.principal.userId, [{ type: 'StripeAccountConnected', data: { accountId: account.id } }]);
    });
    if (staged) await this.outbox.flushAfterCommit(tenantId);
    const stored = await this.current();
    return { ...stored, created: stored.accountId === account.id };
  }
}
