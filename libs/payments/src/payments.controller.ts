import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireAbility, ApiProblems } from '@workbay/platform';
import { StripeAccountView, StripeOnboardingLinkView } from './payments.dto';
import { StripeAccounts } from './stripe-accounts';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly accounts: StripeAccounts) {}

  @Post('stripe-account')
  @RequireAbility('connect', 'PaymentAccount')
  @ApiOperation({ summary: "Connects the shop's Stripe account (owner only): 201 when created, 200 when it already was" })
  @ApiProblems(502)
  @ApiCreatedResponse({ type: StripeAccountView, description: 'the account was created and connected now' })
  @ApiOkResponse({ type: StripeAccountView, description: 'the shop already had a connected account: nothing changed' })
  async connect(@Res({ passthrough: true }) res: Response): Promise<StripeAccountView> {
    const { created, ...view } = await this.accounts.connect();
    res.status(created ? 201 : 200);
    return view;
  }

  @Post('stripe-account/onboarding-link')
  @RequireAbility('connect', 'PaymentAccount')
  @ApiOperation({
    summary: "A single-use Stripe link where the owner finishes the account's onboarding (owner only)",
    description: 'Card payments start only once Stripe reports charges_enabled; GET /payments/stripe-account shows what is still due. 409 STRIPE_ACCOUNT_NOT_CONNECTED before POST /payments/stripe-account.',
  })
  @ApiProblems(502)
  @ApiCreatedResponse({ type: StripeOnboardingLinkView, description: "Stripe's onboarding page for the shop's account" })
  onboardingLink(): Promise<StripeOnboardingLinkView> {
    return this.accounts.onboardingLink();
  }

  @Get('stripe-account')
  @RequireAbility('read', 'PaymentAccount')
  @ApiOperation({ summary: "The shop's Stripe connected account, if any, with what Stripe says of it (charges/payouts enabled, requirements due)" })
  @ApiOkResponse({ type: StripeAccountView })
  current(): Promise<StripeAccountView> {
    return this.accounts.current();
  }
}
