import { Inject, Injectable } from '@nestjs/common';
import { VerificationReport } from '@workbay/eventstore';
import { IdGenerator, NotFoundError, RequestContext, SYSTEM_POOL, TenantDb } from '@workbay/platform';
import { Pool } from 'pg';
import { AuditVerificationJobView, VerificationStatus } from './verifications.dto';
import { VerificationJob } from './verification-queue';

interface RunRow {
  id: string;
  status: VerificationStatus;
  events_checked: string;
  attempts: number;
  report: VerificationReport | null;
  error: string | null;
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = 'id, status, events_checked, attempts, report, error, requested_by, requested_at, started_at, finished_at';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function view(r: RunRow): AuditVerificationJobView {
  const report = r.report ? { ok: r.report.ok, streamsChecked: r.report.streamsChecked, eventsChecked: r.report.eventsChecked, breaks: r.report.breaks } : null;
  return {
    id: r.id, status: r.status, eventsChecked: Number(r.events_checked), attempts: r.attempts, report, error: r.error, requestedBy: r.requested_by,
    requestedAt: iso(r.requested_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at),
  };
}

/** The API's side of a run: created and read under RLS, so another tenant's id is simply not there (404). */
@Injectable()
export class VerificationRequests {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly ids: IdGenerator) {}

  async create(): Promise<AuditVerificationJobView> {
    const [row] = await this.db.run((em) =>
      em.execute<RunRow[]>(`insert into platform.audit_verifications (id, tenant_id, requested_by) values (?, ?, ?) returning ${COLUMNS}`, [
        this.ids.next(), this.context.tenantId, this.context.actor,
      ]),
    );
    return view(row);
  }

  async get(id: string): Promise<AuditVerificationJobView> {
    const [row] = await this.db.run((em) => em.execute<RunRow[]>(`select ${COLUMNS} from platform.audit_verifications where id = ?`, [id]));
    if (!row) throw new NotFoundError('verification', id);
    return view(row);
  }
}

/**
 * The worker's side (system role, tenant named by the job). A claim counts an attempt; every
 * later write of that attempt names it, so a run taken over (its worker died, the job retried)
 * is never finished or advanced by the attempt it replaced.
 */
@Injectable()
export class VerificationRuns {
  constructor(@Inject(SYSTEM_POOL) private readonly pool: Pool) {}

  /** The attempt number, or null when the run is finished (or unknown) and there is nothing to do. */
  async claim(job: VerificationJob): Promise<number | null> {
    const { rows } = await this.pool.query<{ attempts: number }>(
      `update platform.audit_verifications set status = 'running', attempts = attempts + 1, events_checked = 0, error = null,
         started_at = coalesce(started_at, now()), heartbeat_at = now()
       where tenant_id = $1 and id = $2 and status in ('queued', 'running') returning attempts`,
      [job.tenantId, job.verificationId],
    );
    return rows[0]?.attempts ?? null;
  }

  async progress(job: VerificationJob, attempt: number, eventsChecked: number): Promise<void> {
    await this.pool.query(
      `update platform.audit_verifications set events_checked = $4, heartbeat_at = now() where tenant_id = $1 and id = $2 and attempts = $3 and status = 'running'`,
      [job.tenantId, job.verificationId, attempt, eventsChecked],
    );
  }

  async finish(job: VerificationJob, attempt: number, report: VerificationReport): Promise<void> {
    await this.pool.query(
      `update platform.audit_verifications set status = 'done', report = $4::jsonb, events_checked = $5, heartbeat_at = now(), finished_at = now()
       where tenant_id = $1 and id = $2 and attempts = $3 and status = 'running'`,
      [job.tenantId, job.verificationId, attempt, JSON.stringify(report), report.eventsChecked],
    );
  }

  /** `final`: no attempt is left, the run is failed; otherwise it waits, queued, for the retry. */
  async failed(job: VerificationJob, attempt: number, error: string, final: boolean): Promise<void> {
    await this.pool.query(
      `update platform.audit_verifications set status = $4, error = $5, heartbeat_at = now(), finished_at = case when $4 = 'failed' then now() end
       where tenant_id = $1 and id = $2 and attempts = $3 and status = 'running'`,
      [job.tenantId, job.verificationId, attempt, final ? 'failed' : 'queued', error.slice(0, 2_000)],
    );
  }

  /** Runs queued or running with no sign of life for `staleMs` (never enqueued, lost by Redis, or their worker killed). */
  async stale(staleMs: number, limit = 100): Promise<VerificationJob[]> {
    const { rows } = await this.pool.query<{ tenant_id: string; id: string }>(
      `select tenant_id, id from platform.audit_verifications
       where status in ('queued', 'running') and coalesce(heartbeat_at, requested_at) < now() - make_interval(secs => $1::float8 / 1000)
       order by coalesce(heartbeat_at, requested_at) limit $2`,
      [staleMs, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, verificationId: r.id }));
  }
}
