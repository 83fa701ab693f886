import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { CannedJobContent, CannedJobEvent } from './canned-job.events';
import { cannedJobTotals } from './canned-job-totals.rules';

/** Contents and totals as columns, in the order of the insert and update below. */
function contentColumns(d: CannedJobContent): unknown[] {
  const totals = cannedJobTotals(d);
  return [
    d.name, d.description, d.category, d.code, d.currency, JSON.stringify(d.labor), JSON.stringify(d.parts),
    totals.laborTotalMinor, totals.partsTotalMinor, totals.totalMinor, totals.taxableTotalMinor, totals.laborHours,
  ];
}

/** The tenant's job catalog, active and retired: the advisor's picker when building a quote. */
export const jobCatalogProjection: Projection = {
  name: 'shop.job-catalog',
  eventTypes: ['CannedJobDefined', 'CannedJobRevised', 'CannedJobRetired'],
  tables: ['shop.canned_jobs'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as CannedJobEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    switch (event.type) {
      case 'CannedJobDefined': {
        const d = event.data;
        await em.execute(
          `insert into shop.canned_jobs (tenant_id, id, status, name, description, category, code, currency, labor, parts,
             labor_total_minor, parts_total_minor, total_minor, taxable_total_minor, labor_hours, revision, defined_at, version, updated_at)
           values (?, ?, 'active', ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.cannedJobId, ...contentColumns(d), d.revision, d.definedAt, v, stored.recordedAt],
        );
        return;
      }
      case 'CannedJobRevised': {
        const d = event.data;
        await em.execute(
          `update shop.canned_jobs set name = ?, description = ?, category = ?, code = ?, currency = ?, labor = ?::jsonb, parts = ?::jsonb,
             labor_total_minor = ?, parts_total_minor = ?, total_minor = ?, taxable_total_minor = ?, labor_hours = ?,
             revision = ?, revised_at = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [...contentColumns(d), d.revision, d.revisedAt, v, stored.recordedAt, t, d.cannedJobId],
        );
        return;
      }
      case 'CannedJobRetired':
        await em.execute(
          `update shop.canned_jobs set status = 'retired', retired_at = ?, retire_reason = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [event.data.retiredAt, event.data.reason, v, stored.recordedAt, t, event.data.cannedJobId],
        );
        return;
    }
  },
};
