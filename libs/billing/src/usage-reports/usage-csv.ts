/**
 * The usage export as CSV (RFC 4180): a header row, then one row per tenant x meter x day (x
 * period x dimensions), CRLF line ends, a field quoted when it holds a comma, quote, CR or LF,
 * with its quotes doubled. Figures are written as PostgreSQL's exact numeric text, so the CSV's
 * totals are the projection's to the last digit. No cell can start a spreadsheet formula: the
 * free-text one (dimensions) is a JSON object and starts with `{`.
 */
import { Transform } from 'node:stream';
import { meterById } from '../meters/meters';
import { FIGURE_SQL } from './usage-reports.projection';
import { DayRange } from './usage-range';

export const CSV_COLUMNS = ['tenant_id', 'day', 'period', 'meter', 'aggregation', 'unit', 'dimensions', 'value', 'events', 'adjustments'] as const;

export interface UsageCsvRow {
  tenant_id: string;
  day: string;
  period: string;
  meter: string;
  aggregation: string;
  dimensions: Record<string, string>;
  value: string | null;
  events: string;
  adjustments: string;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function csvLineOf(row: UsageCsvRow): string {
  return csvLine([
    row.tenant_id, row.day, row.period, row.meter, row.aggregation, meterById(row.meter)?.unit ?? '',
    JSON.stringify(row.dimensions), row.value ?? '', row.events, row.adjustments,
  ]);
}

/** Rows (object mode) in, CSV text out, header first even when no row follows. */
export function usageCsvTransform(): Transform {
  let headed = false;
  const head = (t: Transform) => {
    if (!headed) t.push(csvLine(CSV_COLUMNS));
    headed = true;
  };
  return new Transform({
    writableObjectMode: true,
    transform(row: UsageCsvRow, _encoding, done) {
      head(this);
      done(null, csvLineOf(row));
    },
    flush(done) {
      head(this);
      done();
    },
  });
}

/**
 * The export's query: for one tenant (the transaction's `app.tenant_id`, which RLS holds it to as
 * well), or, on the system role only, every tenant's rows.
 */
export function usageCsvQuery(range: DayRange, scope: 'tenant' | 'all-tenants'): { text: string; values: unknown[] } {
  return {
    text: `select tenant_id::text as tenant_id, day::text as day, period, meter, aggregation, dimensions,
        ${FIGURE_SQL}::text as value, events::text as events, adjustments::text as adjustments
      from billing.usage_by_day where day between $1::date and $2::date${scope === 'tenant' ? ` and tenant_id = current_setting('app.tenant_id')::uuid` : ''}
      order by tenant_id, day, meter, period, dimensions_key`,
    values: [range.from, range.to],
  };
}
