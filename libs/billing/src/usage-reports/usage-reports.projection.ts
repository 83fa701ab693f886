import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import { USAGE_FACT_EVENT_TYPES, UsageFact, usageFactOf } from './usage-facts';

export const USAGE_REPORTS = 'billing.usage-reports';

/** The figure's SQL, per aggregation: the same choice as `figureOf` in the fold. */
export const FIGURE_SQL = `(case aggregation when 'COUNT' then events::numeric when 'SUM' then total when 'MAX' then max_value
  when 'UNIQUE_COUNT' then unique_count::numeric when 'LATEST' then latest_value end)`;

const FACT = `from billing.usage_facts f where f.tenant_id = ? and f.fact_id = ? and not f.applied`;

/** How a figure row takes one more fact (an upsert's `do update`); `t` is the row, `excluded` the fact. */
const MERGE = `events = t.events + 1, adjustments = t.adjustments + excluded.adjustments, total = t.total + excluded.total,
  max_value = greatest(t.max_value, excluded.max_value), unique_count = excluded.unique_count,
  latest_value = case when (excluded.latest_at, excluded.latest_position) > (t.latest_at, t.latest_position) then excluded.latest_value else t.latest_value end,
  latest_position = case when (excluded.latest_at, excluded.latest_position) > (t.latest_at, t.latest_position) then excluded.latest_position else t.latest_position end,
  latest_at = greatest(t.latest_at, excluded.latest_at),
  first_at = least(t.first_at, excluded.first_at), last_at = greatest(t.last_at, excluded.last_at)`;

/** The fact's own contribution as a figure row (selected from its ledger row, so a fact already applied selects nothing). */
const CONTRIBUTION = `f.dimensions, f.aggregation, 1, (f.adjustment_of is not null)::int, coalesce(f.value_num, 0), f.value_num, ?::bigint,
  f.value_num, f.occurred_at, f.position, f.occurred_at, f.occurred_at`;
const FIGURE_COLUMNS = `dimensions, aggregation, events, adjustments, total, max_value, unique_count, latest_value, latest_at, latest_position, first_at, last_at`;

/**
 * Usage by tenant x meter x period x dimensions and by day, for finance and the tenant's owner.
 * One projection over both tables, so a read-your-writes wait covers every usage report.
 *
 * Exactly once per fact without reading anything back (so the runner's StatementBatch sends a
 * batch's writes together): the fact goes into the ledger with `applied = false` unless it is
 * there already (a redelivered batch, a duplicated usage id); every later statement selects from
 * the ledger row `where not applied`, and the last one flips it. A fact seen before therefore
 * selects nothing and changes nothing. UNIQUE_COUNT counts its distinct-values table after the
 * value went in; LATEST compares (occurredAt, position), never arrival order.
 */
export const usageReportsProjection: Projection = {
  name: USAGE_REPORTS,
  eventTypes: USAGE_FACT_EVENT_TYPES,
  tables: ['billing.usage_facts', 'billing.usage_by_period', 'billing.usage_by_day', 'billing.usage_period_values', 'billing.usage_day_values'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const fact = usageFactOf(stored);
    if (!fact) return;
    await applyFact(em, fact, stored.eventId);
  },
};

async function applyFact(em: EntityManager, f: UsageFact, eventId: string): Promise<void> {
  const key = [f.tenantId, f.factId];
  const unique = f.aggregation === 'UNIQUE_COUNT';
  await em.execute(
    `insert into billing.usage_facts (tenant_id, fact_id, event_id, position, meter, aggregation, period, day, dimensions, dimensions_key,
       value_num, value_text, occurred_at, adjustment_of)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict (tenant_id, fact_id) do nothing`,
    [f.tenantId, f.factId, eventId, f.position, f.meter, f.aggregation, f.period, f.day, JSON.stringify(f.dimensions), f.dimensionsKey,
      unique ? null : f.value, unique ? String(f.value) : null, f.occurredAt, f.adjustmentOf],
  );
  if (unique) {
    await em.execute(
      `insert into billing.usage_period_values (tenant_id, meter, period, dimensions_key, value)
       select f.tenant_id, f.meter, f.period, f.dimensions_key, f.value_text ${FACT} on conflict do nothing`, key);
    await em.execute(
      `insert into billing.usage_day_values (tenant_id, day, meter, period, dimensions_key, value)
       select f.tenant_id, f.day, f.meter, f.period, f.dimensions_key, f.value_text ${FACT} on conflict do nothing`, key);
  }
  // The distinct values counted after this one went in (0 for the other aggregations, never read).
  const periodUnique = unique
    ? `(select count(*) from billing.usage_period_values v where v.tenant_id = f.tenant_id and v.meter = f.meter and v.period = f.period and v.dimensions_key = f.dimensions_key)`
    : '0';
  const dayUnique = unique
    ? `(select count(*) from billing.usage_day_values v where v.tenant_id = f.tenant_id and v.day = f.day and v.meter = f.meter and v.period = f.period and v.dimensions_key = f.dimensions_key)`
    : '0';
  await em.execute(
    `insert into billing.usage_by_period as t (tenant_id, meter, period, dimensions_key, ${FIGURE_COLUMNS})
     select f.tenant_id, f.meter, f.period, f.dimensions_key, ${CONTRIBUTION.replace('?::bigint', periodUnique)} ${FACT}
     on conflict (tenant_id, period, meter, dimensions_key) do update set ${MERGE}`, key);
  await em.execute(
    `insert into billing.usage_by_day as t (tenant_id, day, meter, period, dimensions_key, ${FIGURE_COLUMNS})
     select f.tenant_id, f.day, f.meter, f.period, f.dimensions_key, ${CONTRIBUTION.replace('?::bigint', dayUnique)} ${FACT}
     on conflict (tenant_id, day, meter, period, dimensions_key) do update set ${MERGE}`, key);
  await em.execute(`update billing.usage_facts set applied = true where tenant_id = ? and fact_id = ? and not applied`, key);
}
