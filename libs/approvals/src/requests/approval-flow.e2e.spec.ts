import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';

const PURCHASE_25K = { type: 'purchase', title: 'Wheel alignment rig', amount: { amountMinor: 2_500_000, currency: 'INR' }, details: 'Two quotes attached', attachments: [{ name: 'quote-a.pdf', ref: 'https://files.example.com/a.pdf' }] };
const APPROVE = `mutation($id: ID!, $input: DecideGateInput) { approveApprovalGate(id: $id, input: $input) { id position } }`;
const RESUBMIT = `mutation($id: ID!, $input: ResubmitRequestInput) { resubmitApprovalRequest(id: $id, input: $input) { id } }`;
const DETAIL = `query($id: ID!) { approvalRequest(id: $id) { status round policyVersion route { gateId } log { kind round gateId actorId onBehalfOf comment } } }`;

/**
 * Issue #12's "done means" on the request side, through HTTP and GraphQL: the four-gate purchase,
 * segregation of duties, a rejection and resubmission, the gate log, 20 racing approvals, a policy
 * edited in flight, and delegation.
 */
describe('approval requests', () => {
  let platform: Platform;
  let store: EventStore;
  let owner: ShopClient;
  let requester: ShopClient;
  let manager: ShopClient;
  let ra: ShopClient;
  let ceo: ShopClient;

  const gqlError = (res: { body: { errors?: { extensions: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions;
  const detail = async (id: string) => (await owner.get(`/approvals/requests/${id}`).expect(200)).body;
  const submit = async (by: ShopClient, body: object = PURCHASE_25K): Promise<string> => (await by.post('/approvals/requests', body).expect(201)).body.id;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'apprflow' });
    store = platform.app.get<EventStore>(EVENT_STORE);
    owner = await ShopClient.signup(platform, 'Approvals Motors');
    [requester, manager, ra, ceo] = await Promise.all([
      owner.invite(['service_advisor'], { name: 'Sita Requester' }), owner.invite(['manager'], { name: 'Mohan Manager' }),
      owner.invite(['revenue_assurance'], { name: 'Rekha RA' }), owner.invite(['ceo'], { name: 'Chitra CEO' }),
    ]);
    // The default policies are seeded by the worker on TenantRegistered.
    await until(async () => (await owner.get('/approvals/policies/purchase')).body.current?.version === 1, 'the seeded purchase policy');
  });
  afterAll(() => platform?.close());

  it('routes a 25,000 purchase through four gates by four people; the requester is refused; a CEO rejection returns it; the resubmission completes; the log lists every decision in order', async () => {
    const id = await submit(requester);
    expect((await detail(id)).route.map((g: { gateId: string }) => g.gateId)).toEqual(['manager', 'revenue-assurance', 'ceo', 'owner']);

    const own = await requester.post(`/approvals/requests/${id}/approve`, {}).expect(403);
    expect(own.body).toMatchObject({ code: 'REQUESTER_CANNOT_DECIDE', type: 'https://workbay.dev/problems/requester-cannot-decide' });
    const ownGql = await requester.graphql(APPROVE, { id }).expect(200);
    expect(gqlError(ownGql)).toMatchObject({ code: 'REQUESTER_CANNOT_DECIDE', status: 403 });
    // Not the gate's role: the CEO cannot take the manager's gate.
    expect((await ceo.post(`/approvals/requests/${id}/approve`, {}).expect(403)).body.code).toBe('NOT_A_GATE_DECIDER');

    await manager.post(`/approvals/requests/${id}/approve`, { comment: 'needed for the new bay' }).expect(200);
    expect(gqlError(await ra.graphql(APPROVE, { id, input: { comment: 'within budget' } }).expect(200))).toBeUndefined();
    const noComment = await ceo.post(`/approvals/requests/${id}/reject`, {}).expect(422);
    expect(noComment.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);
    await ceo.post(`/approvals/requests/${id}/reject`, { comment: 'get a third quote' }).expect(200);
    expect(await detail(id)).toMatchObject({ status: 'returned', currentGate: null });
    // Returned to the requester: only they may resubmit.
    expect((await manager.post(`/approvals/requests/${id}/resubmit`, {}).expect(403)).body.code).toBe('REQUESTER_ONLY');
    expect(gqlError(await requester.graphql(RESUBMIT, { id, input: { details: 'Three quotes attached' } }).expect(200))).toBeUndefined();

    await manager.post(`/approvals/requests/${id}/approve`, {}).expect(200);
    // One person decides at most one gate of a round (refused before their roles are even looked at).
    const twice = await manager.post(`/approvals/requests/${id}/approve`, {}).expect(403);
    expect(twice.body).toMatchObject({ code: 'ONE_GATE_PER_PERSON', type: 'https://workbay.dev/problems/one-gate-per-person' });
    await ra.post(`/approvals/requests/${id}/approve`, {}).expect(200);
    await ceo.post(`/approvals/requests/${id}/approve`, {}).expect(200);
    const last = await owner.graphql(APPROVE, { id }).expect(200);
    expect(gqlError(last)).toBeUndefined();

    const view = (await owner.graphql(DETAIL, { id }).expect(200)).body.data.approvalRequest;
    expect(view).toMatchObject({ status: 'completed', round: 2, policyVersion: 1 });
    const decisions = view.log.filter((e: { kind: string }) => ['approved', 'rejected'].includes(e.kind))
      .map((e: { kind: string; round: number; gateId: string; actorId: string }) => [e.round, e.gateId, e.kind, e.actorId]);
    expect(decisions).toEqual([
      [1, 'manager', 'approved', manager.userId], [1, 'revenue-assurance', 'approved', ra.userId], [1, 'ceo', 'rejected', ceo.userId],
      [2, 'manager', 'approved', manager.userId], [2, 'revenue-assurance', 'approved', ra.userId], [2, 'ceo', 'approved', ceo.userId], [2, 'owner', 'approved', owner.userId],
    ]);
    expect(view.log.find((e: { kind: string }) => e.kind === 'rejected').comment).toBe('get a third quote');
    // The stream agrees: the aggregate opened each gate exactly once per round.
    const events = await store.readStream(owner.tenantId, streamIdFor(owner.tenantId, 'approval-request', id));
    expect(events.filter((e) => e.type === 'ApprovalGateOpened').map((e) => `${(e.data as { round: number }).round}:${(e.data as { gateId: string }).gateId}`))
      .toEqual(['1:manager', '1:revenue-assurance', '1:ceo', '2:manager', '2:revenue-assurance', '2:ceo', '2:owner']);
    expect(events.filter((e) => e.type === 'ApprovalRequestCompleted')).toHaveLength(1);
    await owner.post(`/approvals/requests/${id}/approve`, {}).expect(409);
  });

  it('lets exactly one of 20 concurrent approvals (REST and GraphQL, 20 eligible managers) decide a quorum-1 gate; the rest are 409 GATE_ALREADY_DECIDED', async () => {
    await owner.post('/approvals/policies/asset', { gates: [{ gateId: 'manager', name: 'Manager', decider: { role: 'manager' } }] }).expect(201);
    const managers = await Promise.all(Array.from({ length: 20 }, (_, i) => owner.invite(['manager'], { name: `Manager ${i}` })));
    const id = await submit(requester, { type: 'asset', title: 'Tyre changer', amount: { amountMinor: 90_000, currency: 'INR' } });
    const answers = await Promise.all(managers.map(async (m, i) => {
      if (i % 2 === 0) {
        const res = await m.post(`/approvals/requests/${id}/approve`, {});
        return { status: res.status, code: res.body.code as string | undefined };
      }
      const error = gqlError(await m.graphql(APPROVE, { id }).expect(200));
      return { status: error ? (error.status as number) : 200, code: error?.code as string | undefined };
    }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.code === 'GATE_ALREADY_DECIDED')).toHaveLength(19);
    const events = await store.readStream(owner.tenantId, streamIdFor(owner.tenantId, 'approval-request', id));
    expect(events.map((e) => e.type)).toEqual(['ApprovalRequestSubmitted', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalRequestCompleted']);

    // Any 3 of M: of 8 racing approvals exactly three count (distinct people), the third completes the gate, the rest are 409.
    await owner.post('/approvals/policies/subscription', { gates: [{ gateId: 'board', name: 'Board', decider: { role: 'manager' }, quorum: 3 }] }).expect(201);
    const quorum = await submit(requester, { type: 'subscription', title: 'Parts catalogue', amount: { amountMinor: 50_000, currency: 'INR' } });
    const statuses = await Promise.all(managers.slice(0, 8).map(async (m) => (await m.post(`/approvals/requests/${quorum}/approve`, {})).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const approvals = (await store.readStream(owner.tenantId, streamIdFor(owner.tenantId, 'approval-request', quorum))).filter((e) => e.type === 'ApprovalGateApproved');
    expect(approvals.map((e) => (e.data as { gateComplete: boolean }).gateComplete)).toEqual([false, false, true]);
    expect(new Set(approvals.map((e) => (e.data as { deciderId: string }).deciderId)).size).toBe(3);
    expect((await detail(quorum)).status).toBe('completed');
  });

  it('changes no request in flight when the policy is edited: they keep their version and route, new ones take the new one', async () => {
    const before = await submit(requester);
    const v1 = (await owner.get('/approvals/policies/purchase').expect(200)).body.current.version as number;
    await owner.post('/approvals/policies/purchase', { gates: [{ gateId: 'manager', name: 'Manager', decider: { role: 'manager' } }], expectedVersion: v1 }).expect(201);
    const policy = (await owner.get('/approvals/policies/purchase').expect(200)).body;
    expect(policy.versions.map((v: { version: number }) => v.version)).toEqual([v1, v1 + 1]);
    expect((await owner.get(`/approvals/policies/purchase/versions/${v1}`).expect(200)).body.gates).toHaveLength(4);

    await manager.post(`/approvals/requests/${before}/approve`, {}).expect(200);
    expect(await detail(before)).toMatchObject({ policyVersion: v1, status: 'in_review', currentGate: 1, route: [{ gateId: 'manager' }, { gateId: 'revenue-assurance' }, { gateId: 'ceo' }, { gateId: 'owner' }] });
    // A resubmission re-routes on the version it was submitted under, not the new one.
    await ra.post(`/approvals/requests/${before}/request-changes`, { comment: 'split it in two' }).expect(200);
    await requester.post(`/approvals/requests/${before}/resubmit`, { amount: { amountMinor: 400_000, currency: 'INR' } }).expect(200);
    expect(await detail(before)).toMatchObject({ policyVersion: v1, round: 2, route: [{ gateId: 'manager' }, { gateId: 'revenue-assurance' }] });

    const after = await submit(requester);
    expect(await detail(after)).toMatchObject({ policyVersion: v1 + 1, route: [{ gateId: 'manager' }] });
    // Restore the policy for the other tests.
    const seeded = (await owner.get(`/approvals/policies/purchase/versions/${v1}`).expect(200)).body.gates;
    await owner.post('/approvals/policies/purchase', { gates: seeded }).expect(201);
  });

  it('records a delegate\'s decision with both users; refuses a delegate on their own request and after revocation', async () => {
    const deputy = await owner.invite(['technician'], { name: 'Deepak Deputy' });
    const delegation = await manager.post('/approvals/delegations', {
      toUserId: deputy.userId, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    }).expect(201);
    const id = await submit(requester, { ...PURCHASE_25K, amount: { amountMinor: 500_000, currency: 'INR' } });
    // Without naming whom they act for, the deputy holds no gate.
    expect((await deputy.post(`/approvals/requests/${id}/approve`, {}).expect(403)).body.code).toBe('NOT_A_GATE_DECIDER');
    await deputy.post(`/approvals/requests/${id}/approve`, { onBehalfOf: manager.userId, comment: 'for Mohan' }).expect(200);
    const entry = (await detail(id)).log.find((e: { kind: string }) => e.kind === 'approved');
    expect(entry).toMatchObject({ gateId: 'manager', actorId: deputy.userId, onBehalfOf: manager.userId, comment: 'for Mohan' });
    // The manager, acted for on gate 1, cannot take another gate of this round themselves.
    const ownRequest = await submit(deputy, { ...PURCHASE_25K, amount: { amountMinor: 500_000, currency: 'INR' } });
    const refused = await deputy.post(`/approvals/requests/${ownRequest}/approve`, { onBehalfOf: manager.userId }).expect(403);
    expect(refused.body).toMatchObject({ code: 'DELEGATE_CANNOT_APPROVE_OWN_REQUEST', type: 'https://workbay.dev/problems/delegate-cannot-approve-own-request' });

    const revoke = `mutation($id: ID!) { revokeApprovalDelegation(id: $id) { id } }`;
    expect((await manager.graphql(revoke, { id: delegation.body.id }).expect(200)).body.data.revokeApprovalDelegation.id).toBe(delegation.body.id);
    const another = await submit(requester, { ...PURCHASE_25K, amount: { amountMinor: 500_000, currency: 'INR' } });
    expect((await deputy.post(`/approvals/requests/${another}/approve`, { onBehalfOf: manager.userId }).expect(403)).body.code).toBe('NOT_A_GATE_DECIDER');
    await manager.delete(`/approvals/delegations/${delegation.body.id}`).expect(409);
    // Another user's delegation id is not found in the caller's own delegations.
    await ra.delete(`/approvals/delegations/${delegation.body.id}`).expect(404);
  });

  it('keeps another shop out: its ids are 404, and a quote link must be one of this shop\'s quotes (422)', async () => {
    const other = await ShopClient.signup(platform, 'Other Garage');
    const id = await submit(requester, { ...PURCHASE_25K, amount: { amountMinor: 10_000, currency: 'INR' } });
    await other.get(`/approvals/requests/${id}`).expect(404);
    await other.post(`/approvals/requests/${id}/approve`, {}).expect(404);
    const theirs = await other.sentQuote();
    const foreign = await requester.post('/approvals/requests', { ...PURCHASE_25K, type: 'discount', link: { kind: 'quote', id: theirs.quoteId } }).expect(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'link.id' })]);
    const ours = await owner.sentQuote();
    await requester.post('/approvals/requests', { ...PURCHASE_25K, type: 'discount', amount: { amountMinor: 10_000, currency: 'INR' }, link: { kind: 'quote', id: ours.quoteId } }).expect(201);
  });
});
