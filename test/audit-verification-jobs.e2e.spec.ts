import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { VerificationRuns } from '../libs/audit/src/verifications/verification-runs';
import { VerificationSweeper } from '../libs/audit/src/verifications/verification-sweeper';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

interface Run {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  eventsChecked: number;
  attempts: number;
  report: { ok: boolean; eventsChecked: number; streamsChecked: number; breaks: Array<{ streamId: string; streamVersion: number; reason: string }> } | null;
  error: string | null;
}

describe('audit: tenant verification as a job (202, poll, report)', () => {
  let platform: Platform;
  let owner: ShopClient;
  let auditor: ShopClient;
  let quoteId: string;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'auditjob' });
    owner = await ShopClient.signup(platform, 'Chained Motors');
    auditor = await owner.invite(['auditor']);
    ({ quoteId } = await owner.sentQuote());
  });
  afterAll(() => platform.close());

  async function sql(text: string, params: unknown[] = []) {
    const db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    try {
      return (await db.query(text, params)).rows;
    } finally {
      await db.end();
    }
  }

  /** Polls the run's Location until it is done or failed (no fixed sleep: each poll is a fresh read). */
  async function settled(client: ShopClient, location: string): Promise<Run> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await client.get(location).expect(200);
      const run = res.body as Run;
      if (run.status === 'done' || run.status === 'failed') return run;
      if (Date.now() > deadline) throw new Error(`run still ${run.status} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('answers 202 with the run and its Location at once, and the run ends done with a clean report', async () => {
    const started = await auditor.post('/audit/verifications', {}).expect(202);
    expect(started.body).toMatchObject({ status: 'queued', eventsChecked: 0, report: null, requestedBy: auditor.userId });
    expect(started.headers.location).toBe(`/audit/verifications/${started.body.id}`);
    const run = await settled(auditor, started.headers.location);
    expect(run).toMatchObject({ status: 'done', attempts: 1, error: null, report: { ok: true, breaks: [] } });
    expect(run.report!.eventsChecked).toBeGreaterThanOrEqual(4);
    expect(run.eventsChecked).toBe(run.report!.eventsChecked);
  });

  it('runs through the GraphQL twins: startAuditVerification, then auditVerificationJob(id)', async () => {
    const started = await auditor.graphql('mutation { startAuditVerification { id status } }').expect(200);
    expect(started.body.errors).toBeUndefined();
    const { id, status } = started.body.data.startAuditVerification;
    expect(status).toBe('queued');
    const deadline = Date.now() + 30_000;
    let job: { status: string; report: { ok: boolean; eventsChecked: number } | null };
    do {
      const res = await auditor.graphql('query($id: ID!) { auditVerificationJob(id: $id) { status eventsChecked report { ok eventsChecked breaks { streamId } } } }', { id }).expect(200);
      expect(res.body.errors).toBeUndefined();
      job = res.body.data.auditVerificationJob;
      if (Date.now() > deadline) throw new Error(`run still ${job.status}`);
    } while (job.status !== 'done' && job.status !== 'failed');
    expect(job).toMatchObject({ status: 'done', report: { ok: true } });
  });

  it("hides a run from another tenant (404 on REST, NOT_FOUND on GraphQL), malformed ids included", async () => {
    const started = await auditor.post('/audit/verifications', {}).expect(202);
    const strangerOwner = await ShopClient.signup(platform, 'Prying Garage');
    const stranger = await strangerOwner.invite(['auditor']);
    await stranger.get(`/audit/verifications/${started.body.id}`).expect(404);
    await stranger.get(`/audit/verifications/${randomUUID()}`).expect(404);
    await stranger.get('/audit/verifications/not-a-uuid').expect(404);
    const gql = await stranger.graphql('query($id: ID!) { auditVerificationJob(id: $id) { status } }', { id: started.body.id }).expect(200);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The stranger's own runs verify the stranger's tenant only.
    const theirs = await stranger.post('/audit/verifications', {}).expect(202);
    const run = await settled(stranger, theirs.headers.location);
    const [mine] = await sql(`select report from platform.audit_verifications where id = $1`, [theirs.body.id]);
    expect(mine.report.tenantId).toBe(strangerOwner.tenantId);
    expect(run.report!.ok).toBe(true);
  });

  it('refuses whoever may not verify (403 on REST and GraphQL), and a forged token (401)', async () => {
    const technician = await owner.invite(['technician']);
    const finance = await owner.invite(['finance']);
    const started = await auditor.post('/audit/verifications', {}).expect(202);
    for (const who of [technician, finance]) {
      await who.post('/audit/verifications', {}).expect(403);
      await who.get(`/audit/verifications/${started.body.id}`).expect(403);
      const gql = await who.graphql('mutation { startAuditVerification { id } }').expect(200);
      expect(gql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    await platform.http().post('/audit/verifications').set('Authorization', `Bearer ${auditor.token.slice(0, -4)}AAAA`).send({}).expect(401);
  });

  it('names the altered event of a row changed directly in the database', async () => {
    await sql(`update eventstore.events set data = jsonb_set(data, '{lines,0,unitPriceMinor}', '1') where type = 'QuoteCreated' and tenant_id = $1`, [owner.tenantId]);
    const started = await auditor.post('/audit/verifications', {}).expect(202);
    const run = await settled(auditor, started.headers.location);
    expect(run.status).toBe('done');
    expect(run.report!.ok).toBe(false);
    expect(run.report!.breaks).toEqual([expect.objectContaining({ streamId: expect.stringContaining(quoteId), streamVersion: 1, reason: 'altered' })]);
    // The request-bound verification (kept for small tenants) agrees.
    const direct = await auditor.get('/audit/verification').expect(200);
    expect(direct.body.breaks).toEqual(run.report!.breaks);
  });

  it('takes over a run left running by a worker that died (no heartbeat, its job gone) and finishes it', async () => {
    const id = randomUUID();
    // What a SIGKILLed worker leaves once Redis has lost the job too: running, an old heartbeat, no job.
    await sql(
      `insert into platform.audit_verifications (id, tenant_id, requested_by, status, attempts, events_checked, started_at, heartbeat_at, requested_at)
       values ($1, $2, $3, 'running', 1, 7, now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '10 minutes')`,
      [id, owner.tenantId, auditor.userId],
    );
    const sweeper = platform.worker!.app.get(VerificationSweeper, { strict: false });
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    const run = await settled(auditor, `/audit/verifications/${id}`);
    expect(run).toMatchObject({ status: 'done', attempts: 2 });
    expect(run.report!.eventsChecked).toBeGreaterThanOrEqual(4);
    // A fresh run is not stale: the sweep leaves it to its job.
    const fresh = await auditor.post('/audit/verifications', {}).expect(202);
    await settled(auditor, fresh.headers.location);
    expect(await sweeper.sweep()).toBe(0);
  });

  it('ignores the attempt a takeover replaced: its progress and its report never land', async () => {
    const id = randomUUID();
    await sql(`insert into platform.audit_verifications (id, tenant_id, requested_by) values ($1, $2, $3)`, [id, owner.tenantId, auditor.userId]);
    const runs = platform.worker!.app.get(VerificationRuns, { strict: false });
    const job = { tenantId: owner.tenantId, verificationId: id };
    const old = await runs.claim(job);
    const current = await runs.claim(job); // the retry after the first worker went silent
    expect([old, current]).toEqual([1, 2]);
    const forged = { tenantId: owner.tenantId, streamsChecked: 1, eventsChecked: 1, ok: true, breaks: [] };
    await runs.progress(job, old!, 99);
    await runs.finish(job, old!, forged);
    expect((await auditor.get(`/audit/verifications/${id}`).expect(200)).body).toMatchObject({ status: 'running', eventsChecked: 0, report: null });
    await runs.finish(job, current!, { ...forged, eventsChecked: 5 });
    expect((await auditor.get(`/audit/verifications/${id}`).expect(200)).body).toMatchObject({ status: 'done', attempts: 2, eventsChecked: 5 });
    // A finished run is not claimed again, whatever job still carries it.
    expect(await runs.claim(job)).toBeNull();
  });
});
