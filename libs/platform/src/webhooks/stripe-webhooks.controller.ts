import { Controller, Headers, HttpCode, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotACommand } from '../openapi/api-problems.decorator';
import { StripeWebhookReceipt } from './stripe-webhook.dto';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { StripeWebhookIntake, WebhookReceipt } from './stripe-webhook-intake';

/**
 * Stripe's webhook endpoint. Public (Stripe has no token of ours): the Stripe-Signature over the
 * raw body is the authentication, which is why the API is created with `rawBody: true`.
 * 202: the event is stored and queued; the worker runs the handlers (any 2xx stops Stripe's retries).
 */
@ApiTags('payments')
@Controller('webhooks')
export class StripeWebhooksController {
  constructor(private readonly intake: StripeWebhookIntake) {}

  @Post('stripe')
  @Public()
  @HttpCode(202)
  @ApiNotACommand()
  @ApiOperation({ summary: "Stripe's signed webhook events: stored once by event id, processed by the worker" })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: "Stripe's signature over the raw body (t=...,v1=...); a missing or bad one is a 400", schema: { type: 'string' } })
  @ApiBody({
    description: 'A Stripe event as Stripe sends it (raw JSON: the signature covers these exact bytes)',
    schema: { type: 'object', required: ['id', 'type'], additionalProperties: true, properties: { id: { type: 'string', example: 'evt_1Nv0FG' }, type: { type: 'string', example: 'payment_intent.succeeded' }, account: { type: 'string', description: 'the connected account (direct charges)' } } },
  })
  @ApiAcceptedResponse({ type: StripeWebhookReceipt, description: 'stored (or already stored) and queued for the worker' })
  receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<WebhookReceipt> {
    return this.intake.receive(req.rawBody, signature);
  }
}
