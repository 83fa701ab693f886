import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { NotFoundError, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { StripeAccounts } from './stripe-accounts';

/**
 * Keeps the stored account status current on Stripe's `account.updated` (a connected account's
 * event: the inbox has set the tenant from `event.account`). The body is only the cue: the
 * account is fetched again from Stripe and what Stripe says now is stored, so a replayed or
 * forged "charges_enabled: true" enables nothing, and out-of-order deliveries all store the
 * latest state.
 */
@Injectable()
export class StripeAccountUpdates implements OnModuleInit {
  private readonly log = new Logger(StripeAccountUpdates.name);

  constructor(private readonly handlers: StripeWebhookHandlers, private readonly accounts: StripeAccounts) {}

  onModuleInit() {
    this.handlers.on('account.updated', (event) => this.update(event));
  }

  private async update(event: StripeWebhookEvent) {
    const accountId = event.account ?? event.data.object.id;
    const { accountId: ours } = await this.accounts.current();
    if (ours !== accountId) {
      this.log.warn({ msg: 'account.updated for an account that is not the tenant\'s; ignored', eventId: event.id, account: accountId });
      return;
    }
    try {
      await this.accounts.refresh(accountId);
    } catch (error) {
      // Stripe no longer knows the account on this platform: a final answer, logged rather than retried.
      if (!(error instanceof NotFoundError)) throw error;
      this.log.error({ msg: 'account.updated names an account Stripe does not know', eventId: event.id, account: accountId });
    }
  }
}
