import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { until } from './support/waiting';

interface TenantEvent { type: string; data: Record<string, unknown>; metadata: { actor: string } }

describe('identity changes are audited in the same transaction as the change, and in the order they were made', () => {
  let platform: Platform;
  let db: Pool;
  const tenantEvents = async (tenantId: string): Promise<TenantEvent[]> =>
    (await db.query(`select type, data, metadata from eventstore.events where stream_id = $1 order by stream_version`, [`${tenantId}.tenant-${tenantId}`])).rows;
  const staged = async (tenantId: string) => (await db.query(`select count(*)::int as n from platform.audit_outbox where tenant_id = $1`, [tenantId])).rows[0].n;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'identaudit' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it("records signup, invitation, acceptance and a change of roles on the tenant's stream, by whom, and leaves nothing staged", async () => {
    const owner = await ShopClient.signup(platform, 'Audited Access');
    const technician = await owner.invite(['technician']);
    await owner.patch(`/users/${technician.userId}`, { roles: ['service_advisor'] }).expect(200);
    const events = await tenantEvents(owner.tenantId);
    expect(events.map((e) => e.type)).toEqual(['TenantRegistered', 'UserJoined', 'EmailVerificationSent', 'UserInvited', 'InvitationAccepted', 'UserRolesChanged']);
    expect(events.map((e) => e.metadata.actor)).toEqual([owner.userId, owner.userId, owner.userId, owner.userId, technician.userId, owner.userId]);
    expect(events[2].data).toMatchObject({ userId: owner.userId, expiresAt: expect.any(String) });
    expect(events[5].data).toMatchObject({ userId: technician.userId, roles: ['service_advisor'], previousRoles: ['technician'] });
    expect(await staged(owner.tenantId)).toBe(0);
  });

  it('chains role changes made at once by several owners: each event starts from the roles the previous one left', async () => {
    const owner = await ShopClient.signup(platform, 'Busy Access');
    const colleague = await owner.invite(['technician']);
    const sequence = [['service_advisor'], ['front_desk'], ['finance'], ['technician'], ['manager'], ['auditor'], ['service_advisor', 'finance'], ['technician']];
    await Promise.all(sequence.map((roles) => owner.patch(`/users/${colleague.userId}`, { roles }).expect(200)));
    const changes = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'UserRolesChanged').map((e) => e.data as { roles: string[]; previousRoles: string[] });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes[0].previousRoles).toEqual(['technician']);
    for (let i = 1; i < changes.length; i++) expect(changes[i].previousRoles).toEqual(changes[i - 1].roles);
    const { rows: [user] } = await db.query(`select roles from platform.users where id = $1`, [colleague.userId]);
    expect(changes[changes.length - 1].roles).toEqual(user.roles);
  });

  it('appends, once, what a request staged but never got to append (it crashed): the worker sweeps it', async () => {
    const owner = await ShopClient.signup(platform, 'Crashed Access');
    const userId = randomUUID();
    await db.query(
      `insert into platform.audit_outbox (tenant_id, stream_id, events, metadata, created_at) values ($1, $2, $3, $4, now() - interval '1 minute')`,
      [owner.tenantId, `${owner.tenantId}.tenant-${owner.tenantId}`, JSON.stringify([{ type: 'UserRolesChanged', data: { userId, roles: ['owner'], previousRoles: [] } }]),
        JSON.stringify({ actor: owner.userId })],
    );
    await until(async () => (await staged(owner.tenantId)) === 0, 'the sweep to append the staged change');
    await Promise.all([1, 2, 3].map(() => platform.worker!.auditSweeper.sweep(0)));
    const swept = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'UserRolesChanged');
    expect(swept).toEqual([expect.objectContaining({ data: { userId, roles: ['owner'], previousRoles: [] } })]);
  });
});
