import { Injectable } from '@nestjs/common';
import { Clock, TenantDb, ValidationFailed } from '@workbay/platform';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Aggregation, meterById } from '../meters/meters';
import { usageCsvQuery, usageCsvTransform } from './usage-csv';
import { DayRange, resolveRange, utcDay, utcPeriod } from './usage-range';
import { UsageDailyArgs, UsageRangeArgs } from './usage-reports.args';
import { UsageDailyPage, UsageDayView, UsageFigureView, UsageSummaryView } from './usage-reports.dto';
import { FIGURE_SQL } from './usage-reports.projection';

interface FigureRow {
  meter: string;
  aggregation: Aggregation;
  period: string;
  dimensions: Record<string, string>;
  dimensions_key: string;
  value: string | null;
  events: string;
  adjustments: string;
  first_at: Date | string;
  last_at: Date | string;
  day?: string;
}

const FIGURE_SELECT = `meter, aggregation, period, dimensions, dimensions_key, ${FIGURE_SQL}::text as value,
  events::text as events, adjustments::text as adjustments, first_at, last_at`;

/** The daily list's keyset position: its sort key (day, meter, period, dimensions). */
interface DayCursor {
  d: string;
  m: string;
  p: string;
  k: string;
}

const encodeDayCursor = (row: FigureRow): string =>
  Buffer.from(JSON.stringify({ d: row.day, m: row.meter, p: row.period, k: row.dimensions_key } satisfies Partial<DayCursor>)).toString('base64url');

function decodeDayCursor(cursor: string | undefined): DayCursor | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<DayCursor> | null;
    if (c && typeof c === 'object' && [c.d, c.m, c.p, c.k].every((v) => typeof v === 'string') && /^\d{4}-\d{2}-\d{2}$/.test(c.d!)) return c as DayCursor;
  } catch {
    // not base64url JSON: the same 400 as any other foreign token
  }
  throw new ValidationFailed([{ field: 'after', message: 'is not a cursor returned by this API' }]);
}

const iso = (at: Date | string) => new Date(at).toISOString();

function figureView(row: FigureRow): UsageFigureView {
  return {
    meter: row.meter, aggregation: row.aggregation, unit: meterById(row.meter)?.unit ?? '', period: row.period,
    dimensions: Object.keys(row.dimensions).sort().map((name) => ({ name, value: row.dimensions[name] })),
    value: Number(row.value ?? 0), events: Number(row.events), adjustments: Number(row.adjustments),
    firstAt: iso(row.first_at), lastAt: iso(row.last_at),
  };
}

/** Finance's usage reads, for REST and GraphQL alike; every one inside the caller's tenant (TenantDb: RLS and an explicit filter). */
@Injectable()
export class UsageReports {
  constructor(private readonly db: TenantDb, private readonly clock: Clock) {}

  async summary(period = utcPeriod(this.clock.now())): Promise<UsageSummaryView> {
    const [rows] = await this.db.batch([{
      text: `select ${FIGURE_SELECT} from billing.usage_by_period where tenant_id = current_setting('app.tenant_id')::uuid and period = $1
             order by meter, dimensions_key`,
      values: [period],
    }]);
    return { period, figures: (rows as FigureRow[]).map(figureView) };
  }

  async daily(args: UsageDailyArgs): Promise<UsageDailyPage> {
    const range = this.range(args);
    const first = args.first ?? 100;
    const after = decodeDayCursor(args.after);
    const values: unknown[] = [range.from, range.to];
    let where = `tenant_id = current_setting('app.tenant_id')::uuid and day between $1::date and $2::date`;
    if (args.meter) where += ` and meter = $${values.push(args.meter)}`;
    if (after) {
      where += ` and (day, meter, period, dimensions_key) > ($${values.push(after.d)}::date, $${values.push(after.m)}, $${values.push(after.p)}, $${values.push(after.k)})`;
    }
    values.push(first + 1);
    const [rows] = await this.db.batch([{
      text: `select day::text as day, ${FIGURE_SELECT} from billing.usage_by_day where ${where}
             order by day, meter, period, dimensions_key limit $${values.length}`,
      values,
    }]);
    const found = rows as FigureRow[];
    const page = found.slice(0, first);
    return {
      items: page.map((r): UsageDayView => ({ ...figureView(r), day: r.day! })),
      nextCursor: found.length > first ? encodeDayCursor(page[page.length - 1]) : null,
    };
  }

  /** Checks the range (422 before anything is sent) and names the export. */
  exportRange(args: UsageRangeArgs): DayRange {
    return this.range(args);
  }

  /** Streams the tenant's daily rows as CSV into `out`, from a server-side cursor: memory stays flat however long the range. */
  async exportCsv(range: DayRange, out: Writable): Promise<void> {
    await this.db.stream(usageCsvQuery(range, 'tenant'), (rows) => pipeline(rows, usageCsvTransform(), out));
  }

  private range(args: UsageRangeArgs): DayRange {
    return resolveRange(args.from, args.to, utcDay(this.clock.now()));
  }
}
