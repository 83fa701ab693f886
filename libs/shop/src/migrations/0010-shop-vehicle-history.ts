import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/** A vehicle's service history (vehicle-history.projection.ts). */
export class Migration0010ShopVehicleHistory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.vehicle_history_vehicles (
      tenant_id uuid not null, vehicle_id uuid not null, customer_id uuid not null,
      vin text not null, year int not null, make text not null, model text not null, mileage int not null,
      primary key (tenant_id, vehicle_id))`);
    this.addSql(`create table shop.vehicle_service_visits (
      tenant_id uuid not null, repair_order_id uuid not null, vehicle_id uuid not null,
      opened_at timestamptz not null, mileage_at_intake int,
      repair_order jsonb not null, invoice_id uuid, invoice jsonb,
      primary key (tenant_id, repair_order_id))`);
    this.addSql(`create index vehicle_service_visits_by_vehicle on shop.vehicle_service_visits (tenant_id, vehicle_id, opened_at desc)`);
    this.addSql(`create index vehicle_service_visits_by_invoice on shop.vehicle_service_visits (tenant_id, invoice_id) where invoice_id is not null`);
    for (const table of ['shop.vehicle_history_vehicles', 'shop.vehicle_service_visits']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
