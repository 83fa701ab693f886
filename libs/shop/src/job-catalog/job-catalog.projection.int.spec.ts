import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type { CannedJobContent, CannedJobDefined, CannedJobRetired, CannedJobRevised } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { jobCatalogProjection } from './job-catalog.projection';

/** 1.5 h x 80.00 = 120.00 taxable labor; 2 x 12.35 = 24.70 untaxed parts. */
const brakes: CannedJobContent = {
  name: 'Front brakes', description: 'Pads and rotors', category: 'brakes', code: 'BRK-1', currency: 'USD',
  labor: [{ description: 'Replace pads', hours: 1.5, laborRateMinor: 8000, taxable: true }],
  parts: [{ description: 'Pad set', partNumber: 'P-1', quantity: 2, unitPriceMinor: 1235, taxable: false }],
};
const defined = (cannedJobId: string, content = brakes): CannedJobDefined => ({
  type: 'CannedJobDefined', data: { ...content, cannedJobId, revision: 1, definedAt: '2026-01-10T10:00:00.000Z' },
});
const row = `select tenant_id, status, name, revision, version, labor_total_minor::int, parts_total_minor::int, total_minor::int,
  taxable_total_minor::int, labor_hours::text, retire_reason, jsonb_array_length(labor) as labor_ops from shop.canned_jobs where id = $1 order by tenant_id`;

describe('shop.job-catalog projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(jobCatalogProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('defines a job with its totals, revises its content and retires it', async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'canned-job', id, [defined(id)]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, status: 'active', name: 'Front brakes', revision: 1, version: 1, labor_total_minor: 12000, parts_total_minor: 2470,
      total_minor: 14470, taxable_total_minor: 12000, labor_hours: '1.50', retire_reason: null, labor_ops: 1,
    }]);

    // Revised: a second labor operation 0.1 h + 0.2 h (sums to exactly 0.30 h), 0.3 h x 80.00 = 24.00.
    const revised: CannedJobRevised = {
      type: 'CannedJobRevised',
      data: {
        ...brakes, name: 'Front brakes (full)', cannedJobId: id, revision: 2, revisedAt: '2026-02-01T10:00:00.000Z',
        labor: [{ description: 'Inspect', hours: 0.1, laborRateMinor: 8000, taxable: true }, { description: 'Bleed', hours: 0.2, laborRateMinor: 8000, taxable: false }],
      },
    };
    const retired: CannedJobRetired = { type: 'CannedJobRetired', data: { cannedJobId: id, reason: 'supplier gone', retiredAt: '2026-03-01T10:00:00.000Z' } };
    await spec.given(tenantA, 'canned-job', id, [revised, retired]);
    expect(await spec.thenRows(row, [id])).toEqual([{
      tenant_id: tenantA, status: 'retired', name: 'Front brakes (full)', revision: 2, version: 3, labor_total_minor: 2400, parts_total_minor: 2470,
      total_minor: 4870, taxable_total_minor: 800, labor_hours: '0.30', retire_reason: 'supplier gone', labor_ops: 2,
    }]);
  });

  it("keeps each tenant's job under its own tenant_id", async () => {
    const id = randomUUID();
    await spec.given(tenantA, 'canned-job', id, [defined(id)]);
    await spec.given(tenantB, 'canned-job', id, [defined(id, { ...brakes, name: 'Oil change', labor: [], parts: [] })]);
    expect(await spec.thenRows(`select tenant_id, name, total_minor::int from shop.canned_jobs where id = $1 order by name`, [id])).toEqual([
      { tenant_id: tenantA, name: 'Front brakes', total_minor: 14470 },
      { tenant_id: tenantB, name: 'Oil change', total_minor: 0 },
    ]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = () => spec.thenRows(`select * from shop.canned_jobs order by tenant_id, id`);
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
