import { Injectable } from '@nestjs/common';
import { TenantDb } from '@workbay/platform';

export type QuotaCount = { kind: 'counted'; used: number } | { kind: 'refused'; used: number };

/**
 * Units counted against quotas, per tenant x meter x period, in `billing.quota_usage`. The count
 * is decided by one statement: the upsert adds the units only if the sum stays within the hard
 * quota, and PostgreSQL's row lock on the conflict row serializes concurrent requests, so N
 * requests racing for the last K units get exactly K rows back. One round trip (TenantDb.batch):
 * the read after it, which gives the usage a refusal reports, sees the upsert's effect.
 */
@Injectable()
export class QuotaCounter {
  constructor(private readonly db: TenantDb) {}

  async add(tenantId: string, meter: string, period: string, units: number, hard: number | undefined): Promise<QuotaCount> {
    const limit = hard ?? Number.MAX_SAFE_INTEGER;
    const [counted, current] = await this.db.batch(
      [
        {
          text: `insert into billing.quota_usage as q (tenant_id, meter, period, used)
            select $1::uuid, $2::text, $3::text, $4::bigint where $4::bigint <= $5::bigint
            on conflict (tenant_id, meter, period) do update set used = q.used + excluded.used
            where q.used + excluded.used <= $5::bigint
            returning used`,
          values: [tenantId, meter, period, units, limit],
        },
        { text: `select used from billing.quota_usage where tenant_id = $1::uuid and meter = $2::text and period = $3::text`, values: [tenantId, meter, period] },
      ],
      tenantId,
    );
    if (counted.length === 1) return { kind: 'counted', used: Number(counted[0].used) };
    return { kind: 'refused', used: Number(current[0]?.used ?? 0) };
  }

  async subtract(tenantId: string, meter: string, period: string, units: number): Promise<void> {
    await this.db.batch(
      [{ text: `update billing.quota_usage set used = greatest(used - $4::bigint, 0) where tenant_id = $1::uuid and meter = $2::text and period = $3::text`, values: [tenantId, meter, period, units] }],
      tenantId,
    );
  }

  /** Usage of each meter in one period. */
  async usage(tenantId: string, period: string): Promise<Map<string, number>> {
    const [rows] = await this.db.batch([{ text: `select meter, used from billing.quota_usage where tenant_id = $1::uuid and period = $2::text`, values: [tenantId, period] }], tenantId);
    return new Map(rows.map((r) => [r.meter as string, Number(r.used)]));
  }
}
