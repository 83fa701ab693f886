import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, TenantDb } from '@workbay/platform';
import { lineTotalMinor } from '../quotes/quote-totals.rules';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { cannedJobDecider, CannedJobState } from './canned-job.decider';
import { CannedJobLabor, CannedJobPart, cannedJobStreamCategory } from './canned-job.events';
import { cannedJobTotals } from './canned-job-totals.rules';
import { CannedJobPage, CannedJobView } from './canned-job.dto';
import { CannedJobRow } from './job-catalog.entities';

export const JOB_CATALOG = 'shop.job-catalog';

export class JobCatalog extends Query<CannedJobPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly q?: string) {
    super();
  }
}

/** One canned job with its totals; with `asOf` it is rebuilt from its events as it stood at that instant. */
export class CannedJobDetail extends Query<CannedJobView> {
  constructor(readonly cannedJobId: string, readonly asOf?: string) {
    super();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const laborView = (labor: CannedJobLabor[]) =>
  labor.map((op) => ({ ...op, totalMinor: lineTotalMinor({ quantity: op.hours, unitPriceMinor: op.laborRateMinor }) }));
const partsView = (parts: CannedJobPart[]) => parts.map((part) => ({ ...part, totalMinor: lineTotalMinor(part) }));

const toView = (r: CannedJobRow): CannedJobView => ({
  id: r.id, name: r.name, description: r.description, category: r.category, code: r.code, status: r.status, currency: r.currency.trim(),
  labor: laborView(r.labor), parts: partsView(r.parts),
  laborTotalMinor: r.laborTotalMinor, partsTotalMinor: r.partsTotalMinor, totalMinor: r.totalMinor, taxableTotalMinor: r.taxableTotalMinor,
  laborHours: Number(r.laborHours), revision: r.revision,
  definedAt: r.definedAt.toISOString(), revisedAt: iso(r.revisedAt), retiredAt: iso(r.retiredAt), retireReason: r.retireReason,
  version: r.version,
});

const fromState = (s: Exclude<CannedJobState, { status: 'none' }>, version: number): CannedJobView => ({
  id: s.cannedJobId, name: s.name, description: s.description, category: s.category, code: s.code, status: s.status, currency: s.currency,
  labor: laborView(s.labor), parts: partsView(s.parts), ...cannedJobTotals(s), revision: s.revision,
  definedAt: s.definedAt, revisedAt: s.revisedAt, retiredAt: s.status === 'retired' ? s.retiredAt : null,
  retireReason: s.status === 'retired' ? s.retireReason : null, version,
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
  constructor(private readonly db: TenantDb, private readonly aggregates: AggregateStore) {}

  async execute({ cannedJobId, asOf }: CannedJobDetail): Promise<CannedJobView> {
    if (asOf) {
      const { state, version } = await this.aggregates.load(cannedJobDecider, cannedJobStreamCategory, cannedJobId, { until: asOf, what: 'canned job' });
      if (state.status === 'none') throw new NotFoundError('canned job', cannedJobId);
      return fromState(state, version);
    }
    return this.db.run(async (em) => {
      const job = await em.findOne(CannedJobRow, { id: cannedJobId });
      if (!job) throw new NotFoundError('canned job', cannedJobId);
      return toView(job);
    });
  }
}
