import { Migration } from '@mikro-orm/migrations';

/**
 * What Stripe last told us about the tenant's connected account (issue #13 item 7): whether it
 * can take charges and be paid out, and what onboarding still needs. Kept current from
 * `account.updated` (re-fetched from Stripe, never read from the payload) and checked before a
 * PaymentIntent is created. Null means never learned (connected before this column existed):
 * payments ask Stripe then rather than guess either way.
 */
export class Migration0019PlatformStripeAccountStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.tenants
      add column stripe_charges_enabled boolean,
      add column stripe_payouts_enabled boolean,
      add column stripe_details_submitted boolean,
      add column stripe_requirements_due text[] not null default '{}',
      add column stripe_disabled_reason text,
      add column stripe_account_checked_at timestamptz`);
  }
}
