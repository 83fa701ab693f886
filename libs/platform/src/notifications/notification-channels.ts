import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** One delivery's wait for the SMTP relay or the tenant's endpoint; a hung peer is a failed attempt, retried. */
const DELIVERY_TIMEOUT_MS = 10_000;

export interface OutgoingNotification {
  id: string;
  tenantId: string;
  template: string;
  data: Record<string, unknown>;
  subject: string;
  body: string;
  createdAt: Date;
}

/** E-mail over SMTP (SMTP_URL, from MAIL_FROM). Resolves once the relay accepted the message. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      connectionTimeout: DELIVERY_TIMEOUT_MS,
      greetingTimeout: DELIVERY_TIMEOUT_MS,
      socketTimeout: DELIVERY_TIMEOUT_MS,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(to: string, notification: OutgoingNotification): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject: notification.subject,
      text: notification.body,
      // A relay or inbox that sees the same id twice (a retry after a lost reply) can tell it is one message.
      messageId: `<${notification.id}@workbay.notifications>`,
      headers: { 'Workbay-Notification-Id': notification.id },
    });
  }

  onApplicationShutdown() {
    this.transport.close();
  }
}

/** The JSON body a tenant's endpoint receives. */
export function webhookBody(notification: OutgoingNotification): string {
  return JSON.stringify({
    id: notification.id,
    template: notification.template,
    subject: notification.subject,
    text: notification.body,
    data: notification.data,
    createdAt: notification.createdAt.toISOString(),
  });
}

/**
 * A signed POST to the tenant's endpoint: a 2xx is delivered, anything else (a 3xx too: the
 * signature covers this URL only) is a failed attempt. `Workbay-Notification-Id` lets the
 * receiver drop a repeat (a retry after its 2xx got lost).
 */
@Injectable()
export class WebhookChannel {
  async send(endpoint: { url: string; secret: string }, notification: OutgoingNotification): Promise<void> {
    const body = webhookBody(notification);
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(body, endpoint.secret), 'Workbay-Notification-Id': notification.id },
      body,
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`endpoint answered HTTP ${response.status}`);
  }
}
