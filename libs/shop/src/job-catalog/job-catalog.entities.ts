import { BigIntType, Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { CannedJobLabor, CannedJobPart } from './canned-job.events';

/** Read model: the tenant's job catalog, with pre-tax totals (written by job-catalog.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.canned_jobs' })
export class CannedJobRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) description: string;
  @Property({ type: 'text', nullable: true }) category: string | null;
  @Property({ type: 'text', nullable: true }) code: string | null;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'text', columnType: 'char(3)' }) currency: string;
  @Property({ type: JsonType, columnType: 'jsonb' }) labor: CannedJobLabor[];
  @Property({ type: JsonType, columnType: 'jsonb' }) parts: CannedJobPart[];
  @Property({ type: new BigIntType('number') }) laborTotalMinor: number;
  @Property({ type: new BigIntType('number') }) partsTotalMinor: number;
  @Property({ type: new BigIntType('number') }) totalMinor: number;
  @Property({ type: new BigIntType('number') }) taxableTotalMinor: number;
  @Property({ type: 'decimal', columnType: 'numeric(12,2)' }) laborHours: string;
  @Property({ type: 'integer' }) revision: number;
  @Property({ type: 'Date' }) definedAt: Date;
  @Property({ type: 'Date', nullable: true }) revisedAt: Date | null;
  @Property({ type: 'Date', nullable: true }) retiredAt: Date | null;
  @Property({ type: 'text', nullable: true }) retireReason: string | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}
