import { randomUUID } from 'node:crypto';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';
import { REQUEST_TYPES } from './policy.events';

const gate = (gateId: string, decider: object = { role: 'manager' }) => ({ gateId, name: gateId, decider });
const PUBLISH = `mutation($type: String!, $input: PublishPolicyInput!) { publishApprovalPolicy(requestType: $type, input: $input) { requestType version } }`;
const POLICY = `query($type: String!) { approvalPolicy(requestType: $type) { requestType current { version publishedBy gates { gateId decider { role userId } requiredAbove { currency amountMinor } } } versions { version } } }`;
const SUBMIT = `mutation($input: SubmitRequestInput!) { submitApprovalRequest(input: $input) { id } }`;

/** Policies: seeded at signup in the shop's currency, edited by owner/admin only, versioned, within the plan. */
describe('approval policies', () => {
  let platform: Platform;
  let owner: ShopClient;

  const gqlError = (res: { body: { errors?: { extensions: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions;

  async function signup(plan: 'starter' | 'growth', currency = 'INR'): Promise<ShopClient> {
    const res = await platform.http().post('/auth/signup').send({
      companyName: `${plan} garage`, country: currency === 'INR' ? 'IN' : 'US', currency, plan, ownerName: 'Owner',
      email: `owner.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery',
    }).expect(201);
    return new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
  }

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'apprpol' });
    owner = await signup('growth');
    await until(async () => (await owner.get('/approvals/policies')).body.items?.every((p: { current: unknown }) => p.current !== null), 'the seeded policies');
  });
  afterAll(() => platform?.close());

  it('seeds a default policy for every request type at signup, in the shop\'s currency (the issue\'s purchase example)', async () => {
    const list = (await owner.get('/approvals/policies').expect(200)).body.items;
    expect(list.map((p: { requestType: string }) => p.requestType)).toEqual([...REQUEST_TYPES]);
    const purchase = (await owner.graphql(POLICY, { type: 'purchase' }).expect(200)).body.data.approvalPolicy;
    expect(purchase.current).toMatchObject({ version: 1, publishedBy: 'seed' });
    expect(purchase.current.gates.map((g: { gateId: string; requiredAbove: { amountMinor: number }[] }) => [g.gateId, g.requiredAbove.map((t) => t.amountMinor)])).toEqual([
      ['manager', []], ['revenue-assurance', [100_000]], ['ceo', [1_000_000]], ['owner', [1_000_000]],
    ]);
    const usd = await signup('growth', 'USD');
    await until(async () => (await usd.get('/approvals/policies/purchase')).body.current !== null, 'the USD shop\'s seed');
    expect((await usd.get('/approvals/policies/purchase').expect(200)).body.current.gates[1].requiredAbove).toEqual([{ currency: 'USD', amountMinor: 100_000 }]);
  });

  it('lets an owner publish a new version over GraphQL (old versions kept), and refuses a manager (403)', async () => {
    const input = { gates: [gate('manager'), { ...gate('finance', { role: 'finance' }), requiredAbove: [{ currency: 'INR', amountMinor: 50_000 }], quorum: 2, deadlineHours: 12 }] };
    expect(gqlError(await owner.graphql(PUBLISH, { type: 'payment', input }).expect(200))).toBeUndefined();
    const payment = (await owner.graphql(POLICY, { type: 'payment' }).expect(200)).body.data.approvalPolicy;
    expect(payment.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(payment.current.gates[1]).toEqual({ gateId: 'finance', decider: { role: 'finance', userId: null }, requiredAbove: [{ currency: 'INR', amountMinor: 50_000 }] });
    await owner.get('/approvals/policies/payment/versions/1').expect(200);
    await owner.get('/approvals/policies/payment/versions/3').expect(404);
    await owner.get('/approvals/policies/payment/versions/zero').expect(400);
    await owner.get('/approvals/policies/lunch').expect(404);
    const manager = await owner.invite(['manager']);
    await manager.get('/approvals/policies/payment').expect(200);
    await manager.post('/approvals/policies/payment', input).expect(403);
    expect(gqlError(await manager.graphql(PUBLISH, { type: 'payment', input }).expect(200))).toMatchObject({ status: 403 });
    // An edit against an old version is a conflict, not a lost update.
    expect((await owner.post('/approvals/policies/payment', { ...input, expectedVersion: 1 }).expect(409)).body.code).toBe('APPROVAL_POLICY_VERSION_MISMATCH');
  });

  it('refuses more gates than the plan allows with 403 PLAN_LIMIT_EXCEEDED naming the limit', async () => {
    const five = { gates: ['a', 'b', 'c', 'd', 'e'].map((id) => gate(id)) };
    const refused = await owner.post('/approvals/policies/leave', five).expect(403);
    expect(refused.body).toMatchObject({ code: 'PLAN_LIMIT_EXCEEDED', limitName: 'approvalGatesPerPolicy', limit: 4, requested: 5, plan: 'growth' });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'gates' })]);
    expect(gqlError(await owner.graphql(PUBLISH, { type: 'leave', input: five }).expect(200))).toMatchObject({ code: 'PLAN_LIMIT_EXCEEDED', status: 403 });
    await owner.post('/approvals/policies/leave', { gates: five.gates.slice(0, 4) }).expect(201);
  });

  it('names the field of a bad gate: unknown role 422, another shop\'s user 422, duplicate gate ids 422, bad quorum 400', async () => {
    const role = await owner.post('/approvals/policies/leave', { gates: [gate('x', { role: 'wizard' })] }).expect(422);
    expect(role.body.errors).toEqual([expect.objectContaining({ field: 'gates[0].decider.role' })]);
    const other = await signup('growth');
    const stranger = await owner.post('/approvals/policies/leave', { gates: [gate('x', { userId: other.userId })] }).expect(422);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'gates[0].decider.userId' })]);
    const dup = await owner.post('/approvals/policies/leave', { gates: [gate('x'), gate('x')] }).expect(422);
    expect(dup.body.errors).toEqual([expect.objectContaining({ field: 'gates[1].gateId' })]);
    const quorum = await owner.post('/approvals/policies/leave', { gates: [{ ...gate('x'), quorum: 0 }] }).expect(400);
    expect(quorum.body.errors).toEqual([expect.objectContaining({ field: 'gates[0].quorum' })]);
    const colleague = await owner.invite(['finance']);
    await owner.post('/approvals/policies/leave', { gates: [gate('named', { userId: colleague.userId })] }).expect(201);
  });

  it('refuses every approvals endpoint to a plan without approvals: 403 FEATURE_NOT_IN_PLAN naming approvals (REST and GraphQL)', async () => {
    const starter = await signup('starter');
    const body = { type: 'purchase', title: 'x', amount: { amountMinor: 100, currency: 'INR' } };
    for (const res of [
      await starter.post('/approvals/requests', body), await starter.get('/approvals/policies'),
      await starter.post('/approvals/policies/purchase', { gates: [gate('m')] }), await starter.get(`/approvals/requests/${randomUUID()}`),
      await starter.post('/approvals/delegations', { toUserId: randomUUID(), startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 60_000).toISOString() }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'approvals', type: 'https://workbay.dev/problems/feature-not-in-plan' });
    }
    expect(gqlError(await starter.graphql(SUBMIT, { input: body }).expect(200))).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'approvals' });
    const document = (await platform.http().get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths['/approvals/requests/{id}/approve'].post.responses)).toEqual(expect.arrayContaining(['403', '404', '409', '422']));
  });
});
