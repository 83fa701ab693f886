import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig, AuditOutbox, RequestContext, TenantDb } from '@workbay/platform';
import { ConnectedAccount, PaymentGateway } from './payment-gateway';
import { StripeAccountView, StripeOnboardingLinkView } from './payments.dto';
import { StripeAccountMissing, StripeOnboardingIncomplete } from './stripe-account-refusals';

interface TenantStripeRow {
  stripe_account_id: string | null;
  stripe_charges_enabled: boolean | null;
  stripe_payouts_enabled: boolean | null;
  stripe_details_submitted: boolean | null;
  stripe_requirements_due: string[];
  stripe_disabled_reason: string | null;
}

const NOT_CONNECTED: StripeAccountView = {
  connected: false, accountId: null, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: [], disabledReason: null,
};

/**
 * The current tenant's Stripe connected account (platform.tenants.stripe_account_id) and what
 * Stripe last said of it (migration 0019); connecting it is audited. The status is learned from
 * Stripe itself (on connect, on `account.updated` through stripe-account-updates.ts, and before a
 * charge when the stored one says it cannot charge), never from a webhook body.
 */
@Injectable()
export class StripeAccounts {
  constructor(
    private readonly db: TenantDb,
    private readonly gateway: PaymentGateway,
    private readonly context: RequestContext,
    private readonly outbox: AuditOutbox,
    private readonly config: AppConfig,
  ) {}

  /** As stored; an account connected before the status was kept is asked about once. */
  async current(): Promise<StripeAccountView> {
    const row = await this.row();
    if (!row?.stripe_account_id) return NOT_CONNECTED;
    if (row.stripe_charges_enabled !== null) return viewOf(row);
    // Reading must not fail on Stripe being away: unknown reads as "cannot charge", and readyToCharge asks again.
    return this.refresh(row.stripe_account_id).catch(() => viewOf(row));
  }

  /**
   * The account when it can take a charge now. A stored "cannot" is checked with Stripe first (the
   * `account.updated` that would have said otherwise may still be on its way), so a finished
   * onboarding is never refused on an old answer. Not connected: `connected: false`, for the
   * caller to refuse in its own words.
   */
  async readyToCharge(): Promise<StripeAccountView> {
    let account = await this.current();
    if (!account.accountId || account.chargesEnabled) return account;
    account = await this.refresh(account.accountId);
    if (!account.chargesEnabled) throw new StripeOnboardingIncomplete(account.accountId!, account.requirementsDue, account.disabledReason);
    return account;
  }

  /** Asks Stripe for the account and stores what it says; a `accountId` no longer the tenant's changes nothing. */
  async refresh(accountId: string): Promise<StripeAccountView> {
    const account = await this.gateway.retrieveConnectedAccount(accountId);
    await this.store(account);
    return viewOf((await this.row())!);
  }

  /** A single-use Stripe page where the owner finishes onboarding; Stripe sends them back to the app. */
  async onboardingLink(): Promise<StripeOnboardingLinkView> {
    const { accountId } = await this.current();
    if (!accountId) throw new StripeAccountMissing();
    const base = this.config.PUBLIC_APP_URL.replace(/\/$/, '');
    return this.gateway.createAccountLink(accountId, {
      returnUrl: `${base}/settings/payments?stripe_onboarding=return`,
      refreshUrl: `${base}/settings/payments?stripe_onboarding=refresh`,
    });
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
      const [row] = await em.execute<{ country: string }[]>(`select country from platform.tenants where id = ?`, [tenantId]);
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
    await this.store(account);
    const stored = await this.current();
    return { ...stored, created: stored.accountId === account.id };
  }

  private async store(account: ConnectedAccount): Promise<void> {
    await this.db.run((em) => em.execute(
      `update platform.tenants set stripe_charges_enabled = ?, stripe_payouts_enabled = ?, stripe_details_submitted = ?,
         stripe_requirements_due = array(select jsonb_array_elements_text(?::jsonb)), stripe_disabled_reason = ?, stripe_account_checked_at = now()
       where id = ? and stripe_account_id = ?`,
      [account.chargesEnabled, account.payoutsEnabled, account.detailsSubmitted, JSON.stringify(account.requirementsDue), account.disabledReason, this.context.tenantId, account.id],
    ));
  }

  private async row(): Promise<TenantStripeRow | undefined> {
    return this.db.run(async (em) => {
      // By id, not by row security alone: a worker's connection may be a role that bypasses it.
      const [row] = await em.execute<TenantStripeRow[]>(
        `select stripe_account_id, stripe_charges_enabled, stripe_payouts_enabled, stripe_details_submitted, stripe_requirements_due, stripe_disabled_reason
           from platform.tenants where id = ?`,
        [this.context.tenantId],
      );
      return row;
    });
  }
}

function viewOf(row: TenantStripeRow): StripeAccountView {
  return {
    connected: row.stripe_account_id !== null,
    accountId: row.stripe_account_id,
    chargesEnabled: row.stripe_charges_enabled ?? false,
    payoutsEnabled: row.stripe_payouts_enabled ?? false,
    detailsSubmitted: row.stripe_details_submitted ?? false,
    requirementsDue: row.stripe_requirements_due ?? [],
    disabledReason: row.stripe_disabled_reason,
  };
}
