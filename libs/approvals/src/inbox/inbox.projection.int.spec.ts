import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { APPROVALS_MIGRATIONS } from '../migrations';
import type { ApprovalDelegationRevoked } from '../requests/request.events';
import {
  approved, at, changesRequested, completed, delegated, escalated, FOUR_GATES, gate, opened, rejected, reminded, resubmitted, submitted, withdrawn,
} from '../request-log/approval-events.fixtures';
import { inboxProjection } from './inbox.projection';
import { activeDelegatorsSql, Delegator, inboxSql, overdueSql } from './inbox.sql';

const [manager, ra, ceo] = FOUR_GATES;
const row = `select status, round, gate_id, gate_name, decider_role, decider_user, quorum, approvals, round_deciders, due_at, reminded_at, escalated_at, version
  from approvals.inbox_requests where request_id = $1`;

describe('approvals.inbox projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const user = (name: string) => `${name}-${randomUUID()}`;
  const [requester, mgr, mgr2, raUser, ceoUser, boss, stand_in] = ['requester', 'mgr', 'mgr2', 'ra', 'ceo', 'boss', 'standin'].map(user);

  /** The reader's inbox as the query handler asks it: their roles and delegators (with the delegators' roles) come in. */
  const inbox = async (tenantId: string, userId: string, roles: string[], delegators: Delegator[] = []) => {
    await spec.run();
    const { text, values } = inboxSql(tenantId, { userId, roles, delegators }, { first: 50 });
    return spec.sql<{ request_id: string; by_name: boolean; by_role: boolean; on_behalf_of: string[] }>(text, values);
  };
  const ids = (rows: { request_id: string }[]) => rows.map((r) => r.request_id);

  beforeAll(async () => {
    spec = await startProjectionSpec(inboxProjection, { migrations: APPROVALS_MIGRATIONS, batchSize: 4 });
  });
  afterAll(() => spec?.close());

  it('moves the open gate along the route: opened, quorum, escalated, closed on rejection and reopened on resubmission', async () => {
    const id = randomUUID();
    const pair = { ...manager, quorum: 2 };
    await spec.given(tenantA, 'approval-request', id, [submitted(id, requester, [pair, ra]), opened(id, 1, pair, 0, at(60))]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      status: 'in_review', round: 1, gate_id: 'manager', gate_name: 'Manager', decider_role: 'manager', decider_user: null, quorum: 2, approvals: 0,
      round_deciders: [], due_at: new Date(at(60)), reminded_at: null, escalated_at: null, version: 2,
    }]);
    await spec.given(tenantA, 'approval-request', id, [
      approved(id, 1, pair, mgr, ['manager'], 5, { gateComplete: false }), reminded(id, 1, 0, 60), escalated(id, 1, 0, { role: 'manager' }, { userId: boss }, 90),
    ]);
    expect(await spec.thenRows(row, [id])).toEqual([expect.objectContaining({
      gate_id: 'manager', decider_role: null, decider_user: boss, approvals: 1, round_deciders: [mgr], reminded_at: new Date(at(60)), escalated_at: new Date(at(90)),
    })]);
    await spec.given(tenantA, 'approval-request', id, [
      approved(id, 1, pair, stand_in, ['technician'], 95, { onBehalfOf: boss }), opened(id, 1, ra, 95), rejected(id, 1, ra, raUser, ['revenue_assurance'], 99, 'no'),
    ]);
    // A delegate's decision binds both: the delegate and the person they acted for decided this round.
    expect(await spec.thenRows(row, [id])).toEqual([expect.objectContaining({ status: 'rejected', gate_id: null, decider_role: null, round_deciders: [mgr, stand_in, boss, raUser] })]);
    await spec.given(tenantA, 'approval-request', id, [resubmitted(id, 2, 120, [manager, ra]), opened(id, 2, manager, 120)]);
    expect(await spec.thenRows(row, [id])).toEqual([expect.objectContaining({ status: 'in_review', round: 2, gate_id: 'manager', quorum: 1, round_deciders: [], version: 10 })]);
    await spec.given(tenantA, 'approval-request', id, [changesRequested(id, 2, manager, mgr, ['manager'], 130, 'add the quote'), withdrawn(id, 140)]);
    expect(await spec.thenRows(row, [id])).toEqual([expect.objectContaining({ status: 'withdrawn', gate_id: null })]);
  });

  it('shows a gate to its role holders, its named user and an active delegate, never to the requester or someone who decided this round', async () => {
    const byRole = randomUUID();
    const named = randomUUID();
    const mine = randomUUID();
    const secondGate = randomUUID();
    await spec.given(tenantA, 'approval-request', byRole, [submitted(byRole, requester, [manager], { minute: 1 }), opened(byRole, 1, manager, 1)]);
    const toBoss = gate(0, 'boss', { userId: boss });
    await spec.given(tenantA, 'approval-request', named, [submitted(named, requester, [toBoss], { minute: 2 }), opened(named, 1, toBoss, 2)]);
    await spec.given(tenantA, 'approval-request', mine, [submitted(mine, mgr, [manager], { minute: 3 }), opened(mine, 1, manager, 3)]);
    await spec.given(tenantA, 'approval-request', secondGate, [
      submitted(secondGate, requester, [manager, gate(1, 'finance', { role: 'manager' })], { minute: 4 }), opened(secondGate, 1, manager, 4),
      approved(secondGate, 1, manager, mgr, ['manager'], 5), opened(secondGate, 1, gate(1, 'finance', { role: 'manager' }), 5),
    ]);

    expect(ids(await inbox(tenantA, mgr, ['manager']))).toEqual([byRole]);
    expect(ids(await inbox(tenantA, mgr2, ['manager']))).toEqual([byRole, mine, secondGate]);
    expect(ids(await inbox(tenantA, requester, ['manager']))).toEqual([mine]);
    expect(ids(await inbox(tenantA, boss, ['owner']))).toEqual([named]);
    expect(ids(await inbox(tenantA, ceoUser, ['ceo']))).toEqual([]);
    // Roles are the reader's current ones: the same user without the role sees nothing.
    expect(ids(await inbox(tenantA, mgr2, ['technician']))).toEqual([]);

    const viaDelegation = await inbox(tenantA, stand_in, ['technician'], [{ userId: boss, roles: ['owner'] }, { userId: mgr, roles: ['manager'] }]);
    expect(viaDelegation.map((r) => [r.request_id, r.by_name, r.by_role, r.on_behalf_of])).toEqual([
      [byRole, false, false, [mgr]], [named, false, false, [boss]],
    ]);
    // The same gate in another tenant's inbox does not exist.
    expect(ids(await inbox(tenantB, mgr2, ['manager']))).toEqual([]);
  });

  it('keeps delegations with their windows and revocation, for the read to pick the active ones', async () => {
    const [d1, d2, d3] = [randomUUID(), randomUUID(), randomUUID()];
    await spec.given(tenantA, 'approval-delegation', boss, [
      delegated(d1, boss, stand_in, at(0), at(600)),
      delegated(d2, boss, mgr2, at(0), at(600)),
      { type: 'ApprovalDelegationRevoked', data: { delegationId: d2, fromUserId: boss, revokedAt: at(10) } } satisfies ApprovalDelegationRevoked,
    ]);
    await spec.given(tenantA, 'approval-delegation', ceoUser, [delegated(d3, ceoUser, stand_in, at(700), at(800))]);
    await spec.run();
    const active = async (userId: string, minute: number) => {
      const { text, values } = activeDelegatorsSql(tenantA, userId, new Date(at(minute)));
      return (await spec.sql<{ from_user_id: string }>(text, values)).map((r) => r.from_user_id);
    };
    expect(await active(stand_in, 5)).toEqual([boss]);
    expect(await active(stand_in, 650)).toEqual([]);
    expect(await active(stand_in, 750)).toEqual([ceoUser]);
    expect(await active(mgr2, 5)).toEqual([]);
    expect(await active(stand_in, 600)).toEqual([]); // the end is exclusive
  });

  it('lists overdue gates at read time: open past due, not decided or without a deadline', async () => {
    const tenant = randomUUID();
    const [late, later, onTime, noDeadline, decided] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await spec.given(tenant, 'approval-request', late, [submitted(late, requester, [manager]), opened(late, 1, manager, 0, at(30))]);
    await spec.given(tenant, 'approval-request', later, [submitted(later, requester, [ceo]), opened(later, 1, ceo, 0, at(50))]);
    await spec.given(tenant, 'approval-request', onTime, [submitted(onTime, requester, [manager]), opened(onTime, 1, manager, 0, at(500))]);
    await spec.given(tenant, 'approval-request', noDeadline, [submitted(noDeadline, requester, [manager]), opened(noDeadline, 1, manager, 0, null)]);
    await spec.given(tenant, 'approval-request', decided, [
      submitted(decided, requester, [manager]), opened(decided, 1, manager, 0, at(10)), approved(decided, 1, manager, mgr, ['manager'], 20), completed(decided, 1, 20),
    ]);
    await spec.run();
    const overdue = async (minute: number) => {
      const { text, values } = overdueSql(tenant, new Date(at(minute)), { first: 50 });
      return (await spec.sql<{ request_id: string; overdue_seconds: number }>(text, values)).map((r) => [r.request_id, r.overdue_seconds]);
    };
    expect(await overdue(40)).toEqual([[late, 600]]);
    expect(await overdue(60)).toEqual([[late, 1800], [later, 600]]);
    expect(await overdue(20)).toEqual([]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = async () => ({
      requests: await spec.thenRows(`select * from approvals.inbox_requests order by tenant_id, request_id`),
      delegations: await spec.thenRows(`select * from approvals.inbox_delegations order by tenant_id, delegation_id`),
    });
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
