import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock, RequestContext, TenantDb } from '@workbay/platform';
import {
  ageInDays, agingBucket, AgingBucket, approvalRate, efficiency, REPAIR_ORDER_STATUSES, round, valueShare,
} from './dashboard.rules';
import {
  OutstandingBalancesView, OutstandingSummaryView, QuoteApprovalView, RepairOrderStatusBoardView, RepairOrderStatusCountView,
  RevenueByDayView, RevenueTotalView, TechnicianEfficiencyRowView, TechnicianEfficiencyView,
} from './dashboard.dto';

export interface DashboardFilter {
  locationId?: string;
  from?: string;
  to?: string;
}

export class RepairOrderStatusBoard extends Query<RepairOrderStatusBoardView> {
  constructor(readonly filter: DashboardFilter) {
    super();
  }
}
export class TechnicianEfficiency extends Query<TechnicianEfficiencyView> {
  constructor(readonly filter: DashboardFilter) {
    super();
  }
}
export class RevenueByDay extends Query<RevenueByDayView> {
  constructor(readonly filter: DashboardFilter) {
    super();
  }
}
export class QuoteApprovalRate extends Query<QuoteApprovalView> {
  constructor(readonly filter: DashboardFilter) {
    super();
  }
}
export class OutstandingBalances extends Query<OutstandingBalancesView> {
  constructor(readonly filter: DashboardFilter, readonly top: number) {
    super();
  }
}

/**
 * `where` conditions shared by every dashboard: the tenant (RLS enforces it too), an optional
 * location and an optional inclusive range on `dayColumn`.
 */
function conditions(tenantId: string, filter: DashboardFilter, dayColumn?: string): { sql: string; params: unknown[] } {
  const parts = ['tenant_id = ?'];
  const params: unknown[] = [tenantId];
  if (filter.locationId) {
    parts.push('location_id = ?');
    params.push(filter.locationId);
  }
  if (dayColumn && filter.from) {
    parts.push(`${dayColumn} >= ?`);
    params.push(filter.from);
  }
  if (dayColumn && filter.to) {
    parts.push(`${dayColumn} <= ?`);
    params.push(filter.to);
  }
  return { sql: parts.join(' and '), params };
}

const num = (value: unknown) => Number(value ?? 0);
const locationOf = (value: unknown) => (value as string | null) ?? null;
/** Location-less rows sort last. */
const byLocation = (a: { locationId: string | null }, b: { locationId: string | null }) =>
  (a.locationId ?? '\uffff').localeCompare(b.locationId ?? '\uffff');

@Injectable()
abstract class DashboardHandler {
  constructor(protected readonly db: TenantDb, protected readonly context: RequestContext) {}

  /** Raw SQL names the tenant itself (the ORM filter does not reach it); RLS stops any query that would not. */
  protected read<T>(fn: (em: EntityManager, tenantId: string) => Promise<T>): Promise<T> {
    const tenantId = this.context.tenantId;
    return this.db.run((em) => fn(em, tenantId), tenantId);
  }
}

@QueryHandler(RepairOrderStatusBoard)
export class RepairOrderStatusBoardHandler extends DashboardHandler implements IQueryHandler<RepairOrderStatusBoard> {
  execute({ filter }: RepairOrderStatusBoard): Promise<RepairOrderStatusBoardView> {
    return this.read(async (em, tenantId) => {
      const where = conditions(tenantId, filter);
      const rows = await em.execute(
        `select location_id, status, count(*) as n from shop.dashboard_repair_orders where ${where.sql} group by location_id, status`, where.params,
      );
      const counts = (pick: (row: Record<string, unknown>) => boolean): RepairOrderStatusCountView[] =>
        REPAIR_ORDER_STATUSES.map((status) => ({
          status, count: rows.filter((r) => r.status === status && pick(r)).reduce((sum, r) => sum + num(r.n), 0),
        }));
      const locations = [...new Set(rows.map((r) => locationOf(r.location_id)))].map((locationId) => {
        const statuses = counts((r) => locationOf(r.location_id) === locationId);
        return { locationId, statuses, total: statuses.reduce((sum, s) => sum + s.count, 0) };
      }).sort(byLocation);
      const statuses = counts(() => true);
      return { locations, statuses, total: statuses.reduce((sum, s) => sum + s.count, 0) };
    });
  }
}

@QueryHandler(TechnicianEfficiency)
export class TechnicianEfficiencyHandler extends DashboardHandler implements IQueryHandler<TechnicianEfficiency> {
  execute({ filter }: TechnicianEfficiency): Promise<TechnicianEfficiencyView> {
    return this.read(async (em, tenantId) => {
      const ranged = conditions(tenantId, filter, 'day');
      const done = await em.execute(
        `select technician_id, location_id, sum(lines_completed) as lines, sum(clocked_ms) as ms, sum(sold_hours) as hours
         from shop.dashboard_technician_days where ${ranged.sql} group by technician_id, location_id`, ranged.params,
      );
      const now = conditions(tenantId, filter);
      const open = await em.execute(
        `select t.technician_id, location_id, count(*) as lines
         from shop.dashboard_repair_order_lines cross join lateral jsonb_array_elements_text(technician_ids) as t(technician_id)
         where ${now.sql} and not completed group by t.technician_id, location_id`, now.params,
      );
      const rows = new Map<string, { technicianId: string; locationId: string | null; openLines: number; lines: number; ms: number; hours: number }>();
      const row = (r: Record<string, unknown>) => {
        const key = JSON.stringify([r.technician_id, r.location_id ?? null]);
        let found = rows.get(key);
        if (!found) {
          found = { technicianId: r.technician_id as string, locationId: locationOf(r.location_id), openLines: 0, lines: 0, ms: 0, hours: 0 };
          rows.set(key, found);
        }
        return found;
      };
      for (const r of done) Object.assign(row(r), { lines: num(r.lines), ms: num(r.ms), hours: num(r.hours) });
      for (const r of open) row(r).openLines = num(r.lines);
      const items: TechnicianEfficiencyRowView[] = [...rows.values()]
        .filter((r) => r.openLines > 0 || r.lines !== 0 || r.ms > 0 || r.hours !== 0)
        .map((r) => ({
          technicianId: r.technicianId, locationId: r.locationId, openLines: r.openLines, linesCompleted: r.lines,
          clockedMinutes: Math.round(r.ms / 60_000), soldHours: round(r.hours, 2), efficiency: efficiency(r.hours, r.ms),
        }))
        .sort((a, b) => a.technicianId.localeCompare(b.technicianId) || byLocation(a, b));
      return { items };
    });
  }
}

@QueryHandler(RevenueByDay)
export class RevenueByDayHandler extends DashboardHandler implements IQueryHandler<RevenueByDay> {
  execute({ filter }: RevenueByDay): Promise<RevenueByDayView> {
    return this.read(async (em, tenantId) => {
      const where = conditions(tenantId, filter, 'day');
      const rows = await em.execute(
        `select to_char(day, 'YYYY-MM-DD') as day, location_id, currency, invoice_count, invoiced_minor, tax_minor, collected_minor
         from shop.dashboard_revenue_days
         where ${where.sql} and (invoice_count <> 0 or invoiced_minor <> 0 or tax_minor <> 0 or collected_minor <> 0)
         order by day, location_id nulls last, currency`, where.params,
      );
      const days = rows.map((r) => ({
        day: r.day as string, locationId: locationOf(r.location_id), currency: String(r.currency).trim(),
        invoiceCount: num(r.invoice_count), invoicedMinor: num(r.invoiced_minor), taxMinor: num(r.tax_minor), collectedMinor: num(r.collected_minor),
      }));
      const totals = new Map<string, RevenueTotalView>();
      for (const d of days) {
        const total = totals.get(d.currency) ?? { currency: d.currency, invoiceCount: 0, invoicedMinor: 0, taxMinor: 0, collectedMinor: 0 };
        total.invoiceCount += d.invoiceCount;
        total.invoicedMinor += d.invoicedMinor;
        total.taxMinor += d.taxMinor;
        total.collectedMinor += d.collectedMinor;
        totals.set(d.currency, total);
      }
      return { days, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
    });
  }
}

@QueryHandler(QuoteApprovalRate)
export class QuoteApprovalRateHandler extends DashboardHandler implements IQueryHandler<QuoteApprovalRate> {
  execute({ filter }: QuoteApprovalRate): Promise<QuoteApprovalView> {
    return this.read(async (em, tenantId) => {
      const where = conditions(tenantId, filter);
      // Sent counts by the day a quote was first sent, decisions by the day they were made.
      const inRange = (column: string) => {
        const parts = [`${column} is not null`];
        const params: string[] = [];
        if (filter.from) (parts.push(`${column} >= ?`), params.push(filter.from));
        if (filter.to) (parts.push(`${column} <= ?`), params.push(filter.to));
        return { sql: parts.join(' and '), params };
      };
      const sent = inRange('sent_day');
      const decided = inRange('decided_day');
      const rows = await em.execute(
        `select location_id, currency,
           count(*) filter (where ${sent.sql}) as sent,
           count(*) filter (where ${decided.sql} and outcome = 'approved') as approved,
           count(*) filter (where ${decided.sql} and outcome = 'partial') as partial,
           count(*) filter (where ${decided.sql} and outcome = 'declined') as declined,
           coalesce(sum(quoted_minor) filter (where ${decided.sql}), 0) as quoted,
           coalesce(sum(approved_minor) filter (where ${decided.sql}), 0) as approved_value
         from shop.dashboard_quotes where ${where.sql}
         group by location_id, currency`,
        [...sent.params, ...decided.params, ...decided.params, ...decided.params, ...decided.params, ...decided.params, ...where.params],
      );
      const items = rows
        .map((r) => {
          const counts = { approved: num(r.approved), partial: num(r.partial), declined: num(r.declined) };
          const quotedMinor = num(r.quoted);
          const approvedMinor = num(r.approved_value);
          return {
            locationId: locationOf(r.location_id), currency: String(r.currency).trim(), sent: num(r.sent),
            approved: counts.approved, partiallyApproved: counts.partial, declined: counts.declined,
            decided: counts.approved + counts.partial + counts.declined, approvalRate: approvalRate(counts),
            quotedMinor, approvedMinor, approvedValueShare: valueShare(approvedMinor, quotedMinor),
          };
        })
        .filter((r) => r.sent > 0 || r.decided > 0)
        .sort((a, b) => byLocation(a, b) || a.currency.localeCompare(b.currency));
      return { items };
    });
  }
}

const BUCKET_FIELD: Record<AgingBucket, 'days0To30Minor' | 'days31To60Minor' | 'days61To90Minor' | 'over90Minor'> = {
  '0-30': 'days0To30Minor', '31-60': 'days31To60Minor', '61-90': 'days61To90Minor', '90+': 'over90Minor',
};

@QueryHandler(OutstandingBalances)
export class OutstandingBalancesHandler extends DashboardHandler implements IQueryHandler<OutstandingBalances> {
  constructor(db: TenantDb, context: RequestContext, private readonly clock: Clock) {
    super(db, context);
  }

  execute({ filter, top }: OutstandingBalances): Promise<OutstandingBalancesView> {
    const now = this.clock.now();
    return this.read(async (em, tenantId) => {
      const where = conditions(tenantId, filter);
      // A credit note is no longer owed: a goodwill credit does not show up here as a balance.
      const owing = `${where.sql} and not voided and grand_total_minor - credited_minor > paid_minor`;
      // Grouped by whole days of age (bounded by how old invoices get), bucketed below by the one rule in agingBucket.
      const groups = await em.execute(
        `select location_id, currency, floor(extract(epoch from (?::timestamptz - issued_at)) / 86400)::int as age_days,
           count(*) as n, sum(grand_total_minor - credited_minor - paid_minor) as balance
         from shop.dashboard_invoices where ${owing} group by 1, 2, 3`,
        [now.toISOString(), ...where.params],
      );
      const summaries = new Map<string, OutstandingSummaryView>();
      const add = (locationId: string | null, currency: string, ageDays: number, n: number, balance: number) => {
        const key = JSON.stringify([locationId, currency]);
        const s = summaries.get(key) ?? {
          locationId, currency, invoiceCount: 0, balanceMinor: 0, days0To30Minor: 0, days31To60Minor: 0, days61To90Minor: 0, over90Minor: 0,
        };
        s.invoiceCount += n;
        s.balanceMinor += balance;
        s[BUCKET_FIELD[agingBucket(Math.max(0, ageDays))]] += balance;
        summaries.set(key, s);
      };
      for (const g of groups) add(locationOf(g.location_id), String(g.currency).trim(), num(g.age_days), num(g.n), num(g.balance));
      const locations = [...summaries.values()].sort((a, b) => byLocation(a, b) || a.currency.localeCompare(b.currency));
      const totals = new Map<string, OutstandingSummaryView>();
      for (const s of locations) {
        const t = totals.get(s.currency) ?? { ...s, locationId: null, invoiceCount: 0, balanceMinor: 0, days0To30Minor: 0, days31To60Minor: 0, days61To90Minor: 0, over90Minor: 0 };
        for (const field of ['invoiceCount', 'balanceMinor', 'days0To30Minor', 'days31To60Minor', 'days61To90Minor', 'over90Minor'] as const) t[field] += s[field];
        totals.set(s.currency, t);
      }
      const largest = await em.execute(
        `select invoice_id, number, location_id, customer_id, currency, grand_total_minor, credited_minor, paid_minor, issued_at
         from shop.dashboard_invoices where ${owing}
         order by grand_total_minor - credited_minor - paid_minor desc, issued_at, invoice_id limit ?`,
        [...where.params, top],
      );
      return {
        asOf: now.toISOString(),
        totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
        locations,
        top: largest.map((r) => {
          const issuedAt = new Date(r.issued_at as string | Date);
          const ageDays = ageInDays(issuedAt, now);
          return {
            invoiceId: r.invoice_id as string, number: r.number as string, locationId: locationOf(r.location_id), customerId: r.customer_id as string,
            currency: String(r.currency).trim(), grandTotalMinor: num(r.grand_total_minor), paidMinor: num(r.paid_minor),
            creditedMinor: num(r.credited_minor), balanceMinor: num(r.grand_total_minor) - num(r.credited_minor) - num(r.paid_minor), issuedAt: issuedAt.toISOString(), ageDays, bucket: agingBucket(ageDays),
          };
        }),
      };
    });
  }
}
