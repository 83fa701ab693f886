import { ApiProperty } from '@nestjs/swagger';

export class StripeWebhookReceipt {
  @ApiProperty({ enum: [true] }) received: boolean;
  @ApiProperty({ description: 'the inbox already held this event id (a redelivery): nothing new was stored' }) duplicate: boolean;
}
