import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { APPROVALS_MIGRATIONS } from '../migrations';
import { approved, at, changesRequested, FOUR_GATES, opened, rejected, resubmitted, submitted, withdrawn } from '../request-log/approval-events.fixtures';
import { gateTimesProjection } from './gate-times.projection';
import { gateTimesSql } from './gate-times.sql';

const [manager, ra] = FOUR_GATES;

describe('approvals.gate-times projection', () => {
  let spec: ProjectionSpec;
  const tenant = randomUUID();
  const other = randomUUID();
  const requester = `requester-${randomUUID()}`;

  /** A purchase whose manager gate is decided `minutes` after it opened (at `start`). */
  const managerDecidedAfter = async (tenantId: string, start: number, minutes: number, type: 'purchase' | 'leave' = 'purchase') => {
    const id = randomUUID();
    await spec.given(tenantId, 'approval-request', id, [
      submitted(id, requester, [manager, ra], { type, minute: start }), opened(id, 1, manager, start), approved(id, 1, manager, 'm', ['manager'], start + minutes),
      opened(id, 1, ra, start + minutes),
    ]);
    return id;
  };
  const report = async (tenantId: string, filter: { type?: string; from?: string; to?: string } = {}) => {
    await spec.run();
    const { text, values } = gateTimesSql(tenantId, { from: filter.from ?? at(-10_000), to: filter.to ?? at(10_000), type: filter.type });
    return spec.sql(text, values);
  };

  beforeAll(async () => {
    spec = await startProjectionSpec(gateTimesProjection, { migrations: APPROVALS_MIGRATIONS, batchSize: 5 });
  });
  afterAll(() => spec?.close());

  it('records one row per gate opening, decided when approved to quorum, rejected or sent back; a withdrawal leaves it undecided', async () => {
    const id = randomUUID();
    const pair = { ...manager, quorum: 2 };
    await spec.given(tenant, 'approval-request', id, [
      submitted(id, requester, [pair, ra], { minute: 0 }), opened(id, 1, pair, 0), approved(id, 1, pair, 'm1', ['manager'], 5, { gateComplete: false }),
      approved(id, 1, pair, 'm2', ['manager'], 9), opened(id, 1, ra, 9), rejected(id, 1, ra, 'r', ['revenue_assurance'], 39, 'no'),
      resubmitted(id, 2, 50, [pair, ra]), opened(id, 2, pair, 50), changesRequested(id, 2, pair, 'm1', ['manager'], 52, 'add a quote'),
      resubmitted(id, 3, 60, [pair, ra]), opened(id, 3, pair, 60), withdrawn(id, 70),
    ]);
    expect(await spec.thenRows(`select round, gate_id, outcome, seconds from approvals.gate_times where request_id = $1 order by round, gate_index`, [id])).toEqual([
      { round: 1, gate_id: 'manager', outcome: 'approved', seconds: 540 },
      { round: 1, gate_id: 'revenue-assurance', outcome: 'rejected', seconds: 1800 },
      { round: 2, gate_id: 'manager', outcome: 'changes_requested', seconds: 120 },
      { round: 3, gate_id: 'manager', outcome: 'withdrawn', seconds: null },
    ]);
  });

  it('reports median and p90 per type and gate over the decided gates of the range', async () => {
    const t = randomUUID();
    // Manager gate of purchases: 10, 20, 30, 40 and 100 minutes.
    for (const [i, minutes] of [10, 20, 30, 40, 100].entries()) await managerDecidedAfter(t, i * 1000, minutes);
    // Leave requests: 4 and 6 minutes. Another tenant's 1000-minute gate counts for nobody here.
    await managerDecidedAfter(t, 0, 4, 'leave');
    await managerDecidedAfter(t, 0, 6, 'leave');
    await managerDecidedAfter(other, 0, 1000);
    // By hand: purchases' seconds 600, 1200, 1800, 2400, 6000. Median: the 3rd, 1800. p90 (percentile_cont):
    // rank 0.9 x (5 - 1) = 3.6, so 2400 + 0.6 x (6000 - 2400) = 4560. Leave: 240, 360 -> median 300, p90 240 + 0.9 x 120 = 348.
    expect(await report(t)).toEqual([
      { request_type: 'leave', gate_id: 'manager', first_index: 0, decided: 2, approved: 2, median_seconds: 300, p90_seconds: 348, max_seconds: 360 },
      { request_type: 'purchase', gate_id: 'manager', first_index: 0, decided: 5, approved: 5, median_seconds: 1800, p90_seconds: 4560, max_seconds: 6000 },
    ]);
    // The range is on the decision's time: from minute 1000 on, the 10-minute gate (decided at minute 10) is out.
    expect(await report(t, { type: 'purchase', from: at(1000) })).toEqual([
      // 1200, 1800, 2400, 6000: median (1800 + 2400) / 2 = 2100; p90 rank 2.7 -> 2400 + 0.7 x 3600 = 4920.
      expect.objectContaining({ request_type: 'purchase', decided: 4, median_seconds: 2100, p90_seconds: expect.closeTo(4920, 6) }),
    ]);
    expect(await report(t, { type: 'asset' })).toEqual([]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = async () => ({
      gates: await spec.thenRows(`select * from approvals.gate_times order by tenant_id, request_id, round, gate_index`),
      requests: await spec.thenRows(`select * from approvals.gate_time_requests order by tenant_id, request_id`),
    });
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
