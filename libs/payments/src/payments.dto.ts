import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('StripeAccount', { description: "The shop's Stripe connected account (card payments are direct charges on it)" })
export class StripeAccountView {
  @Field({ description: 'whether the tenant has a Stripe connected account' }) @ApiProperty({ description: 'whether the tenant has a Stripe connected account' }) connected: boolean;
  @Field(() => ID, { nullable: true, description: "Stripe's account id (acct_...); null when not connected" })
  @ApiProperty({ type: String, nullable: true, pattern: '^acct_[A-Za-z0-9]+$', example: 'acct_1Nv0FGQ9RKHgCVdK', description: "Stripe's account id; null when not connected" })
  accountId: string | null;

  @Field({ description: "Stripe's charges_enabled: card payments can be started only when true (finish onboarding first)" })
  @ApiProperty({ description: "Stripe's charges_enabled: card payments can be started only when true (finish onboarding first); false when not connected" })
  chargesEnabled: boolean;

  @Field({ description: "Stripe's payouts_enabled: Stripe pays the shop's balance out to its bank" })
  @ApiProperty({ description: "Stripe's payouts_enabled: Stripe pays the shop's balance out to its bank; false when not connected" })
  payoutsEnabled: boolean;

  @Field({ description: "Stripe's details_submitted: the owner went through Stripe's onboarding form" })
  @ApiProperty({ description: "Stripe's details_submitted: the owner went through Stripe's onboarding form" })
  detailsSubmitted: boolean;

  @Field(() => [String], { description: "What Stripe still needs (requirements past_due, then currently_due), e.g. external_account; empty when nothing is due" })
  @ApiProperty({ type: [String], example: ['business_type', 'external_account', 'tos_acceptance.date'], description: 'What Stripe still needs (requirements past_due, then currently_due); empty when nothing is due' })
  requirementsDue: string[];

  @Field(() => String, { nullable: true, description: "Stripe's requirements.disabled_reason, e.g. requirements.past_due; null when nothing is disabled" })
  @ApiProperty({ type: String, nullable: true, example: 'requirements.past_due', description: "Stripe's requirements.disabled_reason; null when nothing is disabled" })
  disabledReason: string | null;
}

@ObjectType('StripeOnboardingLink', { description: "A single-use Stripe link where the owner finishes the account's onboarding" })
export class StripeOnboardingLinkView {
  @Field({ description: "Stripe's onboarding page for the shop's account; open it once, before expiresAt" })
  @ApiProperty({ format: 'uri', example: 'https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/aB3dE5fG7h', description: "Stripe's onboarding page for the shop's account; open it once, before expiresAt" })
  url: string;

  @Field({ description: 'when the link stops working (ISO-8601 UTC); ask for a new one after' })
  @ApiProperty({ format: 'date-time', example: '2026-12-01T22:05:00.000Z', description: 'when the link stops working (ISO-8601 UTC); ask for a new one after' })
  expiresAt: string;
}
