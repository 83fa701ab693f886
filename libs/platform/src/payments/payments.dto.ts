import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

@ObjectType('StripeAccount')
export class StripeAccountView {
  @Field() @ApiProperty({ description: 'whether the tenant has a Stripe connected account' }) connected: boolean;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true, example: 'acct_1Nv0FGQ9RKHgCVdK' }) accountId: string | null;
}

export class StripeWebhookReceipt {
  @ApiProperty({ enum: [true] }) received: boolean;
  @ApiProperty({ description: 'the inbox already held this event id (a redelivery): nothing new was stored' }) duplicate: boolean;
}
