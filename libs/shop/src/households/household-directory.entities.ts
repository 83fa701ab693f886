import { Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { BillingAddress } from '../customers/customer-billing.rules';
import type { TaxId } from '../invoices/tax-id.rules';

/** Read model: households (written by the customer directory projection); members are shop.customers.household_id. */
@TenantScoped()
@Entity({ tableName: 'shop.households' })
export class HouseholdRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'Date' }) formedAt: Date;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) billingAddress: BillingAddress | null;
  @Property({ type: JsonType, columnType: 'jsonb', nullable: true }) taxId: TaxId | null;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}
