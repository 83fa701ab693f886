import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, NewEvent, streamIdFor } from '@workbay/eventstore';
import { Platform, startPlatform } from '../../../test/support/platform-harness';
import { ShopClient } from '../../../test/support/shop-client';
import { fieldsOf } from '../../../test/support/problems';
import { eventually } from '../../../test/support/waiting';
import { approved, gate, opened, submitted } from './request-log/approval-events.fixtures';

/**
 * The read side through HTTP and GraphQL against the running API and worker: requests submitted,
 * decided and delegated through the real commands; only the gate-times set is appended to the
 * store directly (as the aggregate appends it), since it needs decisions hours apart.
 */
describe('approval read models (REST and GraphQL)', () => {
  let platform: Platform;
  let store: EventStore;
  let owner: ShopClient;
  let requester: ShopClient;
  let manager: ShopClient;
  let ra: ShopClient;
  let ceo: ShopClient;
  let delegate: ShopClient;
  let other: ShopClient;
  let position = 0;
  let big: string;
  let small: string;
  let managersOwn: string;

  const moved = <T extends { body: { position: number } }>(res: T) => {
    position = Math.max(position, res.body.position);
    return res;
  };
  const submit = async (who: ShopClient, type: string, amountMinor: number) => {
    // The default policies are seeded by the worker after signup: until then a submission has no policy to route by.
    const res = await eventually(async () => {
      const r = await who.post('/approvals/requests', { type, title: `${type} of ${amountMinor}`, amount: { amountMinor, currency: 'INR' } });
      return r.status === 201 ? r : undefined;
    }, `a ${type} request accepted`);
    return moved(res).body.id as string;
  };
  const approve = async (who: ShopClient, id: string, body: Record<string, unknown> = {}) => moved(await who.post(`/approvals/requests/${id}/approve`, body).expect(200));
  const inboxIds = async (who: ShopClient) => (await who.get('/approvals/inbox', position).expect(200)).body.items.map((i: { requestId: string }) => i.requestId);

  beforeAll(async () => {
    // A shared 2-core machine under load can take more than the default 10 s to catch a projection up.
    platform = await startPlatform({ prefix: 'approval_views', config: { READ_WAIT_TIMEOUT_MS: '30000' } });
    store = platform.app.get(EVENT_STORE);
    owner = await ShopClient.signup(platform, 'Approvals Garage');
    [requester, manager, ra, ceo, delegate] = await Promise.all([
      owner.invite(['technician'], { name: 'Requester' }), owner.invite(['manager'], { name: 'Manager' }), owner.invite(['revenue_assurance'], { name: 'RA' }),
      owner.invite(['ceo'], { name: 'CEO' }), owner.invite(['technician'], { name: 'Stand-in' }),
    ]);
    other = await ShopClient.signup(platform, 'Other Garage');
    // 25,000 routes through manager, revenue assurance, CEO and owner; 500 through the manager only.
    big = await submit(requester, 'purchase', 2_500_000);
    small = await submit(requester, 'purchase', 50_000);
    managersOwn = await submit(manager, 'purchase', 50_000);
    await approve(manager, big);
    await approve(ra, big);
    moved(await ceo.post('/approvals/delegations', {
      toUserId: delegate.userId, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    }).expect(201));
  }, 120_000);
  afterAll(() => platform?.close());

  it('shows a gate to its role holder and to a delegate, never to the requester or to who decided this round', async () => {
    expect(await inboxIds(manager)).toEqual([small]);
    expect(await inboxIds(ceo)).toEqual([big]);
    expect(await inboxIds(requester)).toEqual([]);
    expect(await inboxIds(ra)).toEqual([]);
    const standIn = await delegate.get('/approvals/inbox', position).expect(200);
    expect(standIn.body.items).toEqual([expect.objectContaining({
      requestId: big, gateId: 'ceo', decider: { role: 'ceo', userId: null }, byRole: false, byName: false, onBehalfOf: [ceo.userId],
    })]);
    const gql = await delegate.graphql(`query($p: SafeInt) { approvalInbox(minPosition: $p) { items { requestId gateName onBehalfOf } nextCursor } }`, { p: position }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.approvalInbox).toEqual({ items: [{ requestId: big, gateName: 'CEO', onBehalfOf: [ceo.userId] }], nextCursor: null });
  });

  it('follows the roles users hold now: a new manager sees the manager gates at once, without any new event', async () => {
    await owner.patch(`/users/${delegate.userId}`, { roles: ['manager'] }).expect(200);
    expect((await inboxIds(delegate)).sort()).toEqual([small, managersOwn, big].sort());
    await owner.patch(`/users/${delegate.userId}`, { roles: ['technician'] }).expect(200);
    expect(await inboxIds(delegate)).toEqual([big]);
  });

  it("logs a delegate's decision on the delegator's behalf; the gate moves to the owner's inbox", async () => {
    await approve(delegate, big, { onBehalfOf: ceo.userId, comment: 'for the CEO' });
    expect(await inboxIds(delegate)).toEqual([]);
    expect(await inboxIds(ceo)).toEqual([]);
    expect(await inboxIds(owner)).toEqual([big]);
    const log = await requester.get(`/approvals/requests/${big}/log`, position).expect(200);
    expect(log.body).toMatchObject({ status: 'in_review', waitingGate: { gateId: 'owner', decider: { role: 'owner' } }, route: ['manager', 'revenue-assurance', 'ceo', 'owner'] });
    const decisions = log.body.log.filter((e: { kind: string }) => e.kind === 'approved');
    expect(decisions.map((e: { gateId: string; actorId: string; actorRoles: string[]; onBehalfOf: string | null }) => [e.gateId, e.actorId, e.actorRoles, e.onBehalfOf])).toEqual([
      ['manager', manager.userId, ['manager'], null], ['revenue-assurance', ra.userId, ['revenue_assurance'], null], ['ceo', delegate.userId, ['technician'], ceo.userId],
    ]);
    // Both names: who decided and for whom.
    expect(decisions[2]).toMatchObject({ comment: 'for the CEO', gateName: 'CEO', gateComplete: true, round: 1, actorName: 'Stand-in', onBehalfOfName: 'CEO' });
    expect(log.body.requesterName).toBe('Requester');
  });

  it("lists my requests; another tenant sees nothing and gets 404 on the ids", async () => {
    const mine = await requester.get('/approvals/my-requests', position).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id).sort()).toEqual([big, small].sort());
    const page = await requester.get('/approvals/my-requests?first=1', position).expect(200);
    const next = await requester.get(`/approvals/my-requests?first=1&after=${page.body.nextCursor}`).expect(200);
    expect([page.body.items[0].id, next.body.items[0].id].sort()).toEqual([big, small].sort());
    expect(next.body.nextCursor).toBeNull();
    const gql = await requester.graphql(`query($id: ID!) { approvalRequestLog(id: $id) { status log { kind actorId } } myApprovalRequests { items { id } } }`, { id: big }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.myApprovalRequests.items).toHaveLength(2);

    expect((await other.get('/approvals/inbox', position).expect(200)).body.items).toEqual([]);
    expect((await other.get('/approvals/my-requests', position).expect(200)).body.items).toEqual([]);
    expect((await other.get('/approvals/overdue', position).expect(200)).body.items).toEqual([]);
    for (const id of [big, small, managersOwn]) {
      await other.get(`/approvals/requests/${id}/log`, position).expect(404);
      await other.get(`/approvals/requests/${id}/log?asOf=${new Date().toISOString()}`).expect(404);
      const refused = await other.graphql(`query($id: ID!) { approvalRequestLog(id: $id) { status } }`, { id }).expect(200);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      await other.get(`/audit/records/approval-request/${id}`).expect(404);
    }
  });

  it('lists overdue gates at read time, to overseers only', async () => {
    // A policy whose manager gate is due 1.8 s after it opens.
    await owner.post('/approvals/policies/asset', { gates: [{ gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, deadlineHours: 0.0005 }] }).expect(201);
    const late = await submit(requester, 'asset', 10_000);
    const listed = await eventually(async () => {
      const r = await ceo.get('/approvals/overdue', position).expect(200);
      return r.body.items.length ? r.body.items : undefined;
    }, 'the asset gate overdue');
    expect(listed).toEqual([expect.objectContaining({ requestId: late, gateId: 'manager', dueAt: expect.any(String), overdueSeconds: expect.any(Number) })]);
    expect(listed[0].overdueSeconds).toBeGreaterThan(0);
    const gql = await owner.graphql(`{ overdueApprovalGates { items { requestId } } }`).expect(200);
    expect(gql.body.data.overdueApprovalGates.items).toEqual([{ requestId: late }]);
    await requester.get('/approvals/overdue').expect(403);
  });

  it('shows a request as it stood at ?asOf=, through the same fold, and to an auditor as a record', async () => {
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await approve(manager, small);
    const then = await requester.get(`/approvals/requests/${small}/log?asOf=${before}`).expect(200);
    const now = await requester.get(`/approvals/requests/${small}/log`, position).expect(200);
    expect(then.body).toMatchObject({ status: 'in_review', waitingGate: { gateId: 'manager' } });
    expect(now.body).toMatchObject({ status: 'completed', waitingGate: null });
    expect(await requester.get(`/approvals/requests/${small}/log?asOf=${new Date().toISOString()}`).expect(200).then((r) => r.body)).toEqual(now.body);
    const record = await owner.get(`/audit/records/approval-request/${small}?asOf=${before}`).expect(200);
    expect(record.body.state.request.waiting.gateId).toBe('manager');
    expect(record.body.state.log.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'gate_opened']);
  });

  it('reports median and p90 time per gate on a seeded set, computed by hand', async () => {
    const t = other.tenantId;
    const append = async (id: string, events: NewEvent[]) => {
      const r = await store.append(t, streamIdFor(t, 'approval-request', id), events, { expectedVersion: 0, metadata: { actor: 'system:test' } });
      position = Math.max(position, r.globalPosition);
    };
    const leaveGate = gate(0, 'manager', { role: 'manager' });
    const start = Date.UTC(2026, 2, 2, 9);
    const iso = (ms: number) => new Date(ms).toISOString();
    const leave = (id: string, openedAt: string, decidedAt: string): NewEvent[] => {
      const [s, o, a] = [submitted(id, 'u-requester', [leaveGate], { type: 'leave' }), opened(id, 1, leaveGate, 0), approved(id, 1, leaveGate, 'u-manager', ['manager'], 0)];
      return [{ ...s, data: { ...s.data, submittedAt: openedAt } }, { ...o, data: { ...o.data, openedAt } }, { ...a, data: { ...a.data, decidedAt } }];
    };
    // Leave requests whose manager gate was decided after 1, 2, 3, 4 and 10 hours.
    for (const [i, hours] of [1, 2, 3, 4, 10].entries()) {
      const [id, openedAt] = [randomUUID(), start + i * 86_400_000];
      await append(id, leave(id, iso(openedAt), iso(openedAt + hours * 3_600_000)));
    }
    // Seconds 3600, 7200, 10800, 14400, 36000: median the 3rd, 10800; p90 at rank 0.9 x 4 = 3.6: 14400 + 0.6 x 21600 = 27360.
    const report = await other.get(`/approvals/reports/gate-times?type=leave&from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z`, position).expect(200);
    expect(report.body).toEqual({
      type: 'leave', from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z',
      gates: [{ requestType: 'leave', gateId: 'manager', decided: 5, approved: 5, medianSeconds: 10_800, p90Seconds: 27_360, maxSeconds: 36_000 }],
    });
    // The owner's tenant decided none of these: its report is its own.
    expect((await owner.get(`/approvals/reports/gate-times?type=leave&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`, position).expect(200)).body.gates).toEqual([]);
    const gql = await other.graphql(`query($p: SafeInt) { approvalGateTimes(type: "leave", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", minPosition: $p) { gates { medianSeconds p90Seconds } } }`, { p: position }).expect(200);
    expect(gql.body.data.approvalGateTimes.gates).toEqual([{ medianSeconds: 10_800, p90Seconds: 27_360 }]);

    const empty = await other.get('/approvals/reports/gate-times?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z').expect(400);
    expect(fieldsOf(empty.body)).toEqual(['to']);
    expect(fieldsOf((await other.get('/approvals/reports/gate-times?type=lunch').expect(400)).body)).toEqual(['type']);
    expect(fieldsOf((await other.get('/approvals/reports/gate-times?from=0000-01-01T00:00:00Z').expect(400)).body)).toEqual(['from']);
    await requester.get('/approvals/reports/gate-times').expect(403);
  });
});
