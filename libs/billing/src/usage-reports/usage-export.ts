/**
 * The usage CSV outside HTTP, for platform finance (`workbay usage:export`): one tenant's rows
 * under its RLS, or every tenant's on the system role. The HTTP form for all tenants waits for the
 * admin realm (operators' own tokens); until then this runs where the system role's URL is.
 */
import type { Pool } from 'pg';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamRows } from '@workbay/platform';
import { usageCsvQuery, usageCsvTransform } from './usage-csv';
import { DayRange, resolveRange, utcDay } from './usage-range';
import { isCalendarDate } from './usage-reports.args';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UsageExportRequest {
  range: DayRange;
  /** null: every tenant. */
  tenantId: string | null;
}

export const USAGE_EXPORT_USAGE = 'usage:export [--from YYYY-MM-DD] [--to YYYY-MM-DD] (--tenant <tenantId> | --all-tenants)';

/** The command line's flags, checked as the HTTP query is (dates, at most 366 days, from not after to). */
export function parseUsageExportArgs(args: readonly string[], now: Date): UsageExportRequest {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const name = args[i];
    if (!name.startsWith('--')) throw new Error(`unexpected argument ${name}; usage: workbay ${USAGE_EXPORT_USAGE}`);
    if (name === '--all-tenants') flags.set(name, true);
    else if (['--from', '--to', '--tenant'].includes(name) && args[i + 1] !== undefined) flags.set(name, args[++i]);
    else throw new Error(`unknown or incomplete flag ${name}; usage: workbay ${USAGE_EXPORT_USAGE}`);
  }
  const from = flags.get('--from');
  const to = flags.get('--to');
  for (const [flag, value] of [['--from', from], ['--to', to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) throw new Error(`${flag} must be a date like 2026-06-01, got ${String(value)}`);
  }
  const tenant = flags.get('--tenant');
  const all = flags.get('--all-tenants') === true;
  if (all === (tenant !== undefined)) throw new Error(`name one tenant (--tenant) or --all-tenants; usage: workbay ${USAGE_EXPORT_USAGE}`);
  if (tenant !== undefined && (typeof tenant !== 'string' || !UUID.test(tenant))) throw new Error('--tenant must be a tenant id (UUID)');
  try {
    return { range: resolveRange(from as string | undefined, to as string | undefined, utcDay(now)), tenantId: all ? null : (tenant as string) };
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}

/** Streams the CSV into `out` from a server-side cursor on `pool` (the system role's: it reads every tenant's rows). */
export async function exportUsageCsv(pool: Pool, request: UsageExportRequest, out: Writable): Promise<void> {
  const scope = request.tenantId === null ? 'all-tenants' : 'tenant';
  // `end: false`: stdout is not ours to close.
  await streamRows(await pool.connect(), usageCsvQuery(request.range, scope), (rows) => pipeline(rows, usageCsvTransform(), out, { end: false }), request.tenantId);
}
