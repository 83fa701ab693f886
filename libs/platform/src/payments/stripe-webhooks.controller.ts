import { Controller, Headers, HttpCode, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { StripeWebhookIntake, WebhookReceipt } from './stripe-webhook-intake';

/**
 * Stripe's webhook endpoint. Public (Stripe has no token of ours): the Stripe-Signature over the
 * raw body is the authentication, which is why the API is created with `rawBody: true`.
 * 202: the event is stored and queued; the worker runs the handlers (any 2xx stops Stripe's retries).
 */
@ApiExcludeController()
@Controller('webhooks')
export class StripeWebhooksController {
  constructor(private readonly intake: StripeWebhookIntake) {}

  @Post('stripe')
  @Public()
  @HttpCode(202)
  receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<WebhookReceipt> {
    return this.intake.receive(req.rawBody, signature);
  }
}
