import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '../config/config';
import { RequestContext } from '../context/request-context';
import { ValidationFailed } from '../errors/errors';
import { decodePageCursor, encodePageCursor } from '../errors/page-cursor';
import { TenantDb } from '../database/tenant-db';
import { NotificationPage, RegisteredWebhookEndpointView } from './notifications.dto';
import { webhookUrlProblem } from './webhook-url-policy';

interface NotificationRow {
  id: string; channel: string; email: string | null; endpoint_id: string | null; template: string; subject: string; status: string;
  created_at: Date; delivered_at: Date | null; attempts: { attempt: number; at: string; outcome: string; error: string | null }[];
}

/** The API side of the port: the tenant's endpoints and its notifications with their attempts, all under RLS. */
@Injectable()
export class NotificationLog {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly config: AppConfig) {}

  async registerEndpoint(url: string): Promise<RegisteredWebhookEndpointView> {
    const problem = webhookUrlProblem(url, this.config.NODE_ENV === 'production');
    if (problem) throw new ValidationFailed([{ field: 'url', message: problem }]);
    const tenantId = this.context.tenantId;
    const id = randomUUID();
    const secret = `wbsec_${randomBytes(32).toString('hex')}`;
    const [row] = await this.db.run((em) => em.execute<{ created_at: Date }[]>(
      `insert into platform.notification_endpoints (id, tenant_id, url, secret) values (?, ?, ?, ?) returning created_at`, [id, tenantId, url, secret],
    ));
    return { id, url, secret, createdAt: new Date(row.created_at).toISOString() };
  }

  async list(first = 50, after?: string): Promise<NotificationPage> {
    const cursor = decodePageCursor(after);
    const rows = await this.db.run((em) => em.execute<NotificationRow[]>(
      `select n.id, n.channel, n.email, n.endpoint_id, n.template, n.subject, n.status, n.created_at, n.delivered_at,
              coalesce((select json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome, 'error', a.error) order by a.attempt)
                          from platform.notification_attempts a where a.notification_id = n.id), '[]') as attempts
         from platform.notifications n
        where (?::timestamptz is null or (date_trunc('milliseconds', n.created_at), n.id) < (?::timestamptz, ?::uuid))
        -- The cursor carries milliseconds: ordering by them too keeps rows of one millisecond from being skipped.
        order by date_trunc('milliseconds', n.created_at) desc, n.id desc limit ?`,
      [cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, first + 1],
    ));
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((n) => ({
        id: n.id, channel: n.channel, email: n.email, webhookEndpointId: n.endpoint_id, template: n.template, subject: n.subject, status: n.status,
        createdAt: new Date(n.created_at).toISOString(), deliveredAt: n.delivered_at ? new Date(n.delivered_at).toISOString() : null,
        attempts: n.attempts.map((a) => ({ attempt: a.attempt, at: new Date(a.at).toISOString(), outcome: a.outcome, error: a.error })),
      })),
      nextCursor: rows.length > first && last ? encodePageCursor(new Date(last.created_at), last.id) : null,
    };
  }
}
