import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { lineTotalMinor } from '../quotes/quote-totals.rules';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { rowsAsOf } from '../shared/record-as-of';
import { CannedJobLabor, CannedJobPart, cannedJobStreamCategory } from './canned-job.events';
import { cannedJobRows } from './job-catalog.rows';
import { CannedJobPage, CannedJobView } from './canned-job.dto';
import { CannedJobRow } from './job-catalog.entities';

export const JOB_CATALOG = 'shop.job-catalog';

export class JobCatalog extends Query<CannedJobPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly q?: string) {
    super();
  }
}

/** One canned job with its totals; with `asOf`, the row its projection had written by then (job-catalog.rows.ts), through the same mapper. */
export class CannedJobDetail extends Query<CannedJobView> {
  constructor(readonly cannedJobId: string, readonly asOf?: string) {
    super();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const laborView = (labor: CannedJobLabor[]) =>
  labor.map((op) => ({ ...op, sacCode: op.sacCode ?? null, taxCategory: op.taxCategory ?? ('standard' as const), totalMinor: lineTotalMinor({ quantity: op.hours, unitPriceMinor: op.laborRateMinor }) }));
const partsView = (parts: CannedJobPart[]) => parts.map((part) => ({ ...part, hsnCode: part.hsnCode ?? null, taxCategory: part.taxCategory ?? ('standard' as const), totalMinor: lineTotalMinor(part) }));

const toView = (r: CannedJobRow): CannedJobView => ({
  id: r.id, name: r.name, description: r.description, category: r.category, code: r.code, status: r.status, currency: r.currency.trim(),
  labor: laborView(r.labor), parts: partsView(r.parts),
  laborTotalMinor: r.laborTotalMinor, partsTotalMinor: r.partsTotalMinor, totalMinor: r.totalMinor, taxableTotalMinor: r.taxableTotalMinor,
  laborHours: Number(r.laborHours), revision: r.revision,
  definedAt: r.definedAt.toISOString(), revisedAt: iso(r.revisedAt), retiredAt: iso(r.retiredAt), retireReason: r.retireReason,
  version: r.version,
});

/** `q` is matched literally: LIKE's wildcards in it are escaped. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@QueryHandler(JobCatalog)
export class JobCatalogHandler implements IQueryHandler<JobCatalog> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, status, q }: JobCatalog): Promise<CannedJobPage> {
    const cursor = decodeCursor(after);
    const search = q?.trim();
    return this.db.run(async (em) => {
      const where = {
        ...(status ? { status } : {}),
        ...(search ? { name: { $ilike: containing(search) } } : {}),
        ...(cursor ? { $or: [{ definedAt: { $lt: new Date(cursor.at) } }, { definedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
      };
      const rows = await em.find(CannedJobRow, where, { orderBy: { definedAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: page.map(toView), nextCursor: rows.length > first && last ? encodeCursor(last.definedAt, last.id) : null };
    });
  }
}

@QueryHandler(CannedJobDetail)
export class CannedJobDetailHandler implements IQueryHandler<CannedJobDetail> {
  constructor(private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext) {}

  async execute({ cannedJobId, asOf }: CannedJobDetail): Promise<CannedJobView> {
    if (asOf) return toView(await rowsAsOf(this.store, this.context.tenantId, cannedJobStreamCategory, cannedJobId, asOf, cannedJobRows, 'canned job'));
    return this.db.run(async (em) => {
      const job = await em.findOne(CannedJobRow, { id: cannedJobId });
      if (!job) throw new NotFoundError('canned job', cannedJobId);
      return toView(job);
    });
  }
}
