import { Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { TaxId } from '../invoices/tax-id.rules';
import type { BillingAddress } from './customer-billing.rules';

/** Read model: the customer directory (written by customer-directory.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.customers' })
export class CustomerRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) firstName: string;
  @Property({ type: 'text' }) lastName: string;
  @Property({ type: 'text', nullable: true }) email: string | null;
  @Property({ type: 'text', nullable: true }) phone: string | null;
  @Property({ type: 'Date' }) registeredAt: Date;
  @Property({ type: 'uuid', nullable: true }) householdId: string | null;
  @Property({ type: 'uuid[]', columnType: 'uuid[]' }) preferredLocationIds: string[];
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) billingAddress: BillingAddress | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) taxId: TaxId | null;
  @Property({ type: 'Date' }) updatedAt: Date;
}

@TenantScoped()
@Entity({ tableName: 'shop.vehicles' })
export class VehicleRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'text' }) vin: string;
  @Property({ type: 'integer' }) year: number;
  @Property({ type: 'text' }) make: string;
  @Property({ type: 'text' }) model: string;
  @Property({ type: 'integer' }) mileage: number;
  @Property({ type: 'Date' }) addedAt: Date;
  @Property({ type: 'Date' }) updatedAt: Date;
}
