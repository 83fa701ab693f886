import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '@workbay/platform';
import { StripeAccountView, StripeOnboardingLinkView } from './payments.dto';
import { StripeAccounts } from './stripe-accounts';

@Resolver()
export class PaymentsResolver {
  constructor(private readonly accounts: StripeAccounts) {}

  @Query(() => StripeAccountView, { description: "The shop's Stripe connected account, if any" })
  @RequireAbility('read', 'PaymentAccount')
  stripeAccount(): Promise<StripeAccountView> {
    return this.accounts.current();
  }

  @Mutation(() => StripeAccountView, { description: "Connects the shop's Stripe account (owner only); a repeat returns the same account" })
  @RequireAbility('connect', 'PaymentAccount')
  async connectStripeAccount(): Promise<StripeAccountView> {
    const { created: _created, ...view } = await this.accounts.connect();
    return view;
  }

  @Mutation(() => StripeOnboardingLinkView, { description: "A single-use Stripe link where the owner finishes the account's onboarding (owner only); STRIPE_ACCOUNT_NOT_CONNECTED before connectStripeAccount" })
  @RequireAbility('connect', 'PaymentAccount')
  createStripeOnboardingLink(): Promise<StripeOnboardingLinkView> {
    return this.accounts.onboardingLink();
  }
}
