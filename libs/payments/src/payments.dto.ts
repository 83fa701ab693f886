import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('StripeAccount', { description: "The shop's Stripe connected account (card payments are direct charges on it)" })
export class StripeAccountView {
  @Field({ description: 'whether the tenant has a Stripe connected account' }) @ApiProperty({ description: 'whether the tenant has a Stripe connected account' }) connected: boolean;
  @Field(() => ID, { nullable: true, description: "Stripe's account id (acct_...); null when not connected" })
  @ApiProperty({ type: String, nullable: true, pattern: '^acct_[A-Za-z0-9]+$', example: 'acct_1Nv0FGQ9RKHgCVdK', description: "Stripe's account id; null when not connected" })
  accountId: string | null;
}
