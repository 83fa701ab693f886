import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationFailed } from '../errors/errors';
import { NotificationQueue } from './notification-queue';
import { NotificationTemplates } from './notification-templates';
import { CallerTransaction, queryIn } from './transaction-sql';

/** Who a notification goes to: an e-mail address, or one of the tenant's webhook endpoints (by id). */
export type NotificationRecipient = { email: string } | { webhookEndpointId: string };

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The notification port. `notify` stages the notification in the caller's transaction (so a
 * change and the notice of it commit together or not at all) and returns its id; after commit
 * the caller calls `dispatchAfterCommit`, and whatever that misses the worker's sweep enqueues.
 * The caller's key is unique per tenant: the same key again returns the first notification's id
 * and stages nothing, so a retried command notifies once.
 */
@Injectable()
export class Notifications {
  private readonly logger = new Logger('Notifications');

  constructor(private readonly templates: NotificationTemplates, private readonly queue: NotificationQueue) {}

  async notify(tx: CallerTransaction, tenantId: string, recipient: NotificationRecipient, template: string, data: Record<string, unknown>, key: string): Promise<string> {
    if (!key || key.length > 200) throw new ValidationFailed([{ field: 'key', message: 'must be 1-200 characters' }]);
    const existing = await queryIn<{ id: string }>(tx, `select id from platform.notifications where tenant_id = $1 and key = $2`, [tenantId, key]);
    if (existing[0]) return existing[0].id;
    const { subject, text } = this.templates.render(template, data);
    let email: string | null = null;
    let endpointId: string | null = null;
    if ('email' in recipient) {
      if (!EMAIL.test(recipient.email) || recipient.email.length > 254) throw new ValidationFailed([{ field: 'recipient.email', message: 'must be an e-mail address' }]);
      email = recipient.email;
    } else {
      // Another tenant's endpoint is as unknown as none (the caller's RLS hides it; the tenant check covers the system role).
      const found = UUID.test(recipient.webhookEndpointId)
        ? await queryIn(tx, `select 1 from platform.notification_endpoints where id = $1 and tenant_id = $2`, [recipient.webhookEndpointId, tenantId])
        : [];
      if (found.length === 0) throw new NotFoundError('Webhook endpoint', recipient.webhookEndpointId);
      endpointId = recipient.webhookEndpointId;
    }
    // A concurrent call with the same key loses the race on the unique key and gets the winner's id.
    const inserted = await queryIn<{ id: string }>(tx,
      `insert into platform.notifications (id, tenant_id, key, channel, email, endpoint_id, template, data, subject, body)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) on conflict (tenant_id, key) do nothing returning id`,
      [randomUUID(), tenantId, key, email ? 'email' : 'webhook', email, endpointId, template, JSON.stringify(data), subject, text]);
    if (inserted[0]) return inserted[0].id;
    return (await queryIn<{ id: string }>(tx, `select id from platform.notifications where tenant_id = $1 and key = $2`, [tenantId, key]))[0].id;
  }

  /** After the caller's commit. Never fails the caller: a notification not enqueued now, the sweep enqueues. */
  async dispatchAfterCommit(tenantId: string, notificationId: string): Promise<void> {
    await this.queue.enqueue({ tenantId, notificationId }).catch((error) =>
      this.logger.warn({ msg: 'notification stays pending; the worker sweep will enqueue it', tenantId, notificationId, error: error instanceof Error ? error.message : String(error) }),
    );
  }
}
