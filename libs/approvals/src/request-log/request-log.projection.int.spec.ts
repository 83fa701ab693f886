import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { APPROVALS_MIGRATIONS } from '../migrations';
import {
  approved, at, completed, escalated, FOUR_GATES, opened, rejected, reminded, resubmitted, submitted, withdrawn,
} from './approval-events.fixtures';
import { requestLogProjection } from './request-log.projection';

const [manager, ra, ceo, owner] = FOUR_GATES;
const requestRow = `select tenant_id, requester_id, round, status, title, amount_minor::int, waiting, closed_at, version from approvals.request_views where id = $1`;
const logRows = `select seq, kind, round, gate_id, gate_name, actor_id, actor_roles, on_behalf_of, comment, gate_complete, decider, previous_decider, at
  from approvals.request_log where request_id = $1 order by seq`;

describe('approvals.request-log projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const [requester, m, r, c, o, delegate] = ['requester', 'manager', 'ra', 'ceo', 'owner', 'delegate'].map((n) => `${n}-${randomUUID()}`);

  beforeAll(async () => {
    spec = await startProjectionSpec(requestLogProjection, { migrations: APPROVALS_MIGRATIONS, batchSize: 3 });
  });
  afterAll(() => spec?.close());

  it('logs every decision of a four-gate request in order, with actors, roles, delegation, rounds, reminders and escalation', async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'approval-request', id, [submitted(id, requester), opened(id, 1, manager, 0, at(60))]);
    expect(await spec.thenRows(requestRow, [id])).toEqual([{
      tenant_id: tenantA, requester_id: requester, round: 1, status: 'in_review', title: 'Diagnostic scanner', amount_minor: 2_500_000, closed_at: null, version: 2,
      waiting: { gateIndex: 0, gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, quorum: 1, approvals: 0, openedAt: at(0), dueAt: at(60), remindedAt: null, escalatedAt: null },
    }]);
    await spec.given(tenantA, 'approval-request', id, [
      approved(id, 1, manager, m, ['manager'], 10), opened(id, 1, ra, 10),
      approved(id, 1, ra, r, ['revenue_assurance'], 20, { comment: 'margin fine' }), opened(id, 1, ceo, 20),
      rejected(id, 1, ceo, c, ['ceo'], 30, 'get a second quote'),
      resubmitted(id, 2, 40), opened(id, 2, manager, 40, at(100)),
      reminded(id, 2, 0, 100), escalated(id, 2, 0, { role: 'manager' }, { userId: o }, 160),
      approved(id, 2, manager, delegate, ['technician'], 170, { onBehalfOf: o }), opened(id, 2, ra, 170),
      approved(id, 2, ra, r, ['revenue_assurance'], 180), opened(id, 2, ceo, 180),
      approved(id, 2, ceo, c, ['ceo'], 190), opened(id, 2, owner, 190),
      approved(id, 2, owner, o, ['owner'], 200), completed(id, 2, 200),
    ]);
    const log = await spec.thenRows<Record<string, unknown>>(logRows, [id]);
    expect(log.map((l) => [l.seq, l.kind, l.round, l.gate_id, l.actor_id])).toEqual([
      [1, 'submitted', 1, null, requester], [2, 'gate_opened', 1, 'manager', null],
      [3, 'approved', 1, 'manager', m], [4, 'gate_opened', 1, 'revenue-assurance', null],
      [5, 'approved', 1, 'revenue-assurance', r], [6, 'gate_opened', 1, 'ceo', null],
      [7, 'rejected', 1, 'ceo', c],
      [8, 'resubmitted', 2, null, requester], [9, 'gate_opened', 2, 'manager', null],
      [10, 'reminded', 2, 'manager', null], [11, 'escalated', 2, 'manager', null],
      [12, 'approved', 2, 'manager', delegate], [13, 'gate_opened', 2, 'revenue-assurance', null],
      [14, 'approved', 2, 'revenue-assurance', r], [15, 'gate_opened', 2, 'ceo', null],
      [16, 'approved', 2, 'ceo', c], [17, 'gate_opened', 2, 'owner', null],
      [18, 'approved', 2, 'owner', o], [19, 'completed', 2, null, null],
    ]);
    expect(log[4]).toMatchObject({ gate_name: 'Revenue Assurance', actor_roles: ['revenue_assurance'], comment: 'margin fine', gate_complete: true, at: new Date(at(20)) });
    expect(log[6]).toMatchObject({ comment: 'get a second quote', actor_roles: ['ceo'], gate_complete: null });
    expect(log[10]).toMatchObject({ decider: { userId: o }, previous_decider: { role: 'manager' } });
    expect(log[11]).toMatchObject({ on_behalf_of: o, actor_roles: ['technician'] });
    expect(await spec.thenRows(requestRow, [id])).toEqual([expect.objectContaining({
      round: 2, status: 'completed', title: 'Diagnostic scanner (cheaper model)', amount_minor: 2_000_000, waiting: null, closed_at: new Date(at(200)), version: 19,
    })]);
  });

  it('follows the waiting gate: quorum counts, the escalated decider, a rejection and a withdrawal', async () => {
    const id = randomUUID();
    const quorumGate = { ...manager, quorum: 2 };
    await spec.given(tenantA, 'approval-request', id, [
      submitted(id, requester, [quorumGate, ra]), opened(id, 1, quorumGate, 0, at(30)), approved(id, 1, quorumGate, m, ['manager'], 5, { gateComplete: false }),
      escalated(id, 1, 0, { role: 'manager' }, { role: 'ceo' }, 40),
    ]);
    const [row] = await spec.thenRows<{ waiting: Record<string, unknown>; status: string }>(requestRow, [id]);
    expect(row.waiting).toMatchObject({ gateId: 'manager', quorum: 2, approvals: 1, decider: { role: 'ceo' }, escalatedAt: at(40) });
    await spec.given(tenantA, 'approval-request', id, [rejected(id, 1, quorumGate, c, ['ceo'], 50, 'not now')]);
    expect(await spec.thenRows(requestRow, [id])).toEqual([expect.objectContaining({ status: 'rejected', waiting: null, closed_at: null })]);
    await spec.given(tenantA, 'approval-request', id, [withdrawn(id, 60)]);
    expect(await spec.thenRows(requestRow, [id])).toEqual([expect.objectContaining({ status: 'withdrawn', closed_at: new Date(at(60)), version: 6 })]);
    expect((await spec.thenRows<{ kind: string; comment: string }>(logRows, [id])).slice(-1)).toEqual([expect.objectContaining({ kind: 'withdrawn', comment: 'no longer needed' })]);
  });

  it("keeps each tenant's request and log under its own tenant_id", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'approval-request', id, [submitted(id, requester), opened(id, 1, manager, 0)]);
    await spec.given(tenantB, 'approval-request', id, [submitted(id, 'someone-else'), opened(id, 1, manager, 0), withdrawn(id, 5)]);
    expect(await spec.thenRows(`select tenant_id, requester_id, status from approvals.request_views where id = $1 order by status`, [id])).toEqual([
      { tenant_id: tenantA, requester_id: requester, status: 'in_review' },
      { tenant_id: tenantB, requester_id: 'someone-else', status: 'withdrawn' },
    ]);
    expect(await spec.thenRows(`select tenant_id, count(*)::int as n from approvals.request_log where request_id = $1 group by tenant_id order by n`, [id]))
      .toEqual([{ tenant_id: tenantA, n: 2 }, { tenant_id: tenantB, n: 3 }]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = async () => ({
      requests: await spec.thenRows(`select * from approvals.request_views order by tenant_id, id`),
      log: await spec.thenRows(`select * from approvals.request_log order by tenant_id, request_id, seq`),
    });
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
