import { Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction.rules';
import type { TaxId } from '../invoices/tax-id.rules';

/** Read model: the tenant's shop locations (written by location-directory.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.locations' })
export class LocationRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) status: string;
  @Property({ type: 'text', fieldName: 'address_line1' }) addressLine1: string;
  @Property({ type: 'text', fieldName: 'address_line2', nullable: true }) addressLine2: string | null;
  @Property({ type: 'text' }) city: string;
  @Property({ type: 'text' }) region: string;
  @Property({ type: 'text' }) postalCode: string;
  @Property({ type: 'text', columnType: 'char(2)' }) country: string;
  @Property({ type: 'text' }) timezone: string;
  @Property({ type: JsonType, columnType: 'jsonb' }) taxJurisdiction: TaxJurisdiction;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) taxId: TaxId | null;
  @Property({ type: 'Date' }) openedAt: Date;
  @Property({ type: 'Date', nullable: true }) closedAt: Date | null;
  @Property({ type: 'text', nullable: true }) closeReason: string | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}
