import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/config';
import { SYSTEM_POOL } from '../database/system-pool';
import { EmailChannel, OutgoingNotification, WebhookChannel } from './notification-channels';
import { NotificationJob } from './notification-queue';

interface DeliveryRow {
  id: string;
  tenant_id: string;
  channel: 'email' | 'webhook';
  email: string | null;
  template: string;
  data: Record<string, unknown>;
  subject: string;
  body: string;
  status: string;
  created_at: Date;
  url: string | null;
  secret: string | null;
  attempts: number;
}

/** Thrown for a failed attempt, so BullMQ retries the job with its backoff. */
export class DeliveryFailed extends Error {}

/**
 * One delivery attempt of a staged notification (the worker, system role). The row is locked for
 * the attempt, so two jobs or sweeps of one notification never send it at once, and a
 * notification already delivered or given up is not sent again. Every attempt is recorded with
 * its outcome; after NOTIFICATION_MAX_ATTEMPTS failures the notification is marked failed.
 */
@Injectable()
export class NotificationDelivery {
  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
  ) {}

  /** Resolves when delivered (or nothing is left to do); throws DeliveryFailed when this attempt failed and another may follow. */
  async attempt(job: NotificationJob): Promise<'delivered' | 'failed' | 'skipped'> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<DeliveryRow>(
        `select n.id, n.tenant_id, n.channel, n.email, n.template, n.data, n.subject, n.body, n.status, n.created_at, e.url, e.secret,
                (select count(*)::int from platform.notification_attempts a where a.notification_id = n.id) as attempts
           from platform.notifications n
           left join platform.notification_endpoints e on e.tenant_id = n.tenant_id and e.id = n.endpoint_id
          where n.id = $1 and n.tenant_id = $2
          for update of n skip locked`,
        [job.notificationId, job.tenantId],
      );
      const row = rows[0];
      if (!row || row.status !== 'pending') {
        await client.query('commit');
        return 'skipped';
      }
      const attempt = row.attempts + 1;
      let error: string | null = null;
      try {
        const outgoing: OutgoingNotification = {
          id: row.id, tenantId: row.tenant_id, template: row.template, data: row.data, subject: row.subject, body: row.body, createdAt: row.created_at,
        };
        if (row.channel === 'email') await this.email.send(row.email!, outgoing);
        else await this.webhook.send({ url: row.url!, secret: row.secret! }, outgoing);
      } catch (e) {
        error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
      }
      await client.query(
        `insert into platform.notification_attempts (notification_id, tenant_id, attempt, outcome, error) values ($1, $2, $3, $4, $5)`,
        [row.id, row.tenant_id, attempt, error ? 'failed' : 'delivered', error],
      );
      const status = error ? (attempt >= this.config.NOTIFICATION_MAX_ATTEMPTS ? 'failed' : 'pending') : 'delivered';
      await client.query(
        `update platform.notifications set status = $1, delivered_at = case when $1 = 'delivered' then now() end where id = $2`,
        [status, row.id],
      );
      await client.query('commit');
      if (status === 'pending') throw new DeliveryFailed(`attempt ${attempt} of notification ${row.id} failed: ${error}`);
      return status === 'delivered' ? 'delivered' : 'failed';
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Pending notifications staged longer than `olderThanMs` ago: the sweep's candidates. */
  async stale(olderThanMs: number): Promise<NotificationJob[]> {
    const { rows } = await this.pool.query<{ id: string; tenant_id: string }>(
      `select id, tenant_id from platform.notifications where status = 'pending' and created_at < now() - $1 * interval '1 millisecond' order by created_at limit 500`,
      [olderThanMs],
    );
    return rows.map((r) => ({ notificationId: r.id, tenantId: r.tenant_id }));
  }
}
