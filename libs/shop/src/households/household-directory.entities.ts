import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';

/** Read model: households (written by the customer directory projection); members are shop.customers.household_id. */
@TenantScoped()
@Entity({ tableName: 'shop.households' })
export class HouseholdRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'Date' }) formedAt: Date;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}
