import { StoredEvent } from '@workbay/eventstore';
import type { RecordRows } from '../shared/record-as-of';
import { dateOf } from '../shared/record-as-of';
import type { CannedJobContent, CannedJobEvent } from './canned-job.events';
import { cannedJobTotals } from './canned-job-totals.rules';
import { CannedJobRow } from './job-catalog.entities';

const content = (d: CannedJobContent) => {
  const totals = cannedJobTotals(d);
  return {
    name: d.name, description: d.description, category: d.category, code: d.code, currency: d.currency, labor: d.labor, parts: d.parts,
    laborTotalMinor: totals.laborTotalMinor, partsTotalMinor: totals.partsTotalMinor, totalMinor: totals.totalMinor,
    taxableTotalMinor: totals.taxableTotalMinor, laborHours: String(Math.round(totals.laborHours * 100) / 100), // numeric(12,2)
  };
};

/** job-catalog.projection.ts, statement for statement, for one canned job (see RecordRows). */
export const cannedJobRows: RecordRows<CannedJobRow> = (row, stored: StoredEvent) => {
  const event = { type: stored.type, data: stored.data } as CannedJobEvent;
  const moved = { version: stored.streamVersion, updatedAt: new Date(stored.recordedAt) };
  switch (event.type) {
    case 'CannedJobDefined': {
      if (row) return row;
      const d = event.data;
      return {
        tenantId: stored.tenantId, id: d.cannedJobId, status: 'active', ...content(d), revision: d.revision, definedAt: new Date(d.definedAt),
        revisedAt: null, retiredAt: null, retireReason: null, ...moved,
      };
    }
    case 'CannedJobRevised':
      return row && { ...row, ...content(event.data), revision: event.data.revision, revisedAt: dateOf(event.data.revisedAt), ...moved };
    case 'CannedJobRetired':
      return row && { ...row, status: 'retired', retiredAt: dateOf(event.data.retiredAt), retireReason: event.data.reason, ...moved };
    default:
      return row;
  }
};
