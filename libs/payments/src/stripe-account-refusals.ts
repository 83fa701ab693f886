/** Application errors (AppError, with problem-details extensions), not domain errors: payments has no decider. */
import { AppError } from '@workbay/platform';

/** Onboarding needs an account first. */
export class StripeAccountMissing extends AppError {
  readonly status = 409;
  readonly code = 'STRIPE_ACCOUNT_NOT_CONNECTED';
  constructor() {
    super('the shop has no Stripe account yet: the owner connects one with POST /payments/stripe-account');
  }
}

/**
 * Stripe would not let this account take the charge (`charges_enabled` is false): a state the
 * owner fixes by finishing onboarding, so 409 with what Stripe still needs, never a 5xx.
 */
export class StripeOnboardingIncomplete extends AppError {
  readonly status = 409;
  readonly code = 'STRIPE_ONBOARDING_INCOMPLETE';
  constructor(readonly accountId: string, readonly requirementsDue: string[], readonly disabledReason: string | null) {
    super(
      `the shop's Stripe account ${accountId} cannot take card payments yet (charges_enabled is false): the owner finishes Stripe onboarding ` +
      `through POST /payments/stripe-account/onboarding-link` + (requirementsDue.length ? `; still due: ${requirementsDue.join(', ')}` : ''),
    );
  }

  override get details(): Record<string, unknown> {
    return { accountId: this.accountId, requirementsDue: this.requirementsDue, disabledReason: this.disabledReason };
  }
}
