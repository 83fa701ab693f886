import { Sql } from '@workbay/platform';

/**
 * Median and p90 of the seconds a gate sat open before it was decided, per request type and
 * gate, over gates decided in [from, to). percentile_cont interpolates between the two nearest
 * ranks (p90 of 1..10 is 9.1), which is what a report of durations wants.
 */
export const gateTimesSql = (tenantId: string, filter: { type?: string; from: string; to: string }): Sql => ({
  text: `select request_type, gate_id, min(gate_index) as first_index, count(*)::int as decided,
           count(*) filter (where outcome = 'approved')::int as approved,
           percentile_cont(0.5) within group (order by seconds) as median_seconds,
           percentile_cont(0.9) within group (order by seconds) as p90_seconds,
           max(seconds) as max_seconds
           from approvals.gate_times
          where tenant_id = $1 and decided_at is not null and ($2::text is null or request_type = $2::text)
            and decided_at >= $3::timestamptz and decided_at < $4::timestamptz
          group by request_type, gate_id
          order by request_type, first_index, gate_id`,
  values: [tenantId, filter.type ?? null, filter.from, filter.to],
});
