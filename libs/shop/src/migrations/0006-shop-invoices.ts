import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * The invoice board (read model of invoices/invoice-board.projection.ts): invoices with their
 * totals, paid amount and balance, their lines with per-line tax, and payments with their
 * refunds. Every key and index leads with tenant_id. No unique index on number or repair order:
 * the command side promises both (a per-tenant number sequence, an invoice id derived from the
 * repair order), and an index here could only make the projection fail.
 */
export class Migration0006ShopInvoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.invoices (
      tenant_id uuid not null, id uuid not null,
      number text not null, status text not null,
      repair_order_id uuid not null, customer_id uuid not null, vehicle_id uuid not null, location_id uuid not null,
      currency char(3) not null, currency_exponent int not null,
      jurisdiction jsonb not null, place_of_supply text, tax_summary jsonb not null,
      subtotal_minor bigint not null, taxable_subtotal_minor bigint not null, tax_total_minor bigint not null, grand_total_minor bigint not null,
      paid_minor bigint not null, balance_due_minor bigint not null,
      issued_at timestamptz not null, paid_at timestamptz, voided_at timestamptz, void_reason text,
      version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index invoices_recent on shop.invoices (tenant_id, issued_at desc, id desc)`);
    this.addSql(`create index invoices_by_status on shop.invoices (tenant_id, status, issued_at desc, id desc)`);
    this.addSql(`create index invoices_by_customer on shop.invoices (tenant_id, customer_id, issued_at desc, id desc)`);
    this.addSql(`create index invoices_by_location on shop.invoices (tenant_id, location_id, issued_at desc, id desc)`);
    this.addSql(`create index invoices_by_repair_order on shop.invoices (tenant_id, repair_order_id)`);
    this.addSql(`create index invoices_by_number on shop.invoices (tenant_id, number)`);
    this.addSql(`create table shop.invoice_lines (
      tenant_id uuid not null, invoice_id uuid not null, line_id text not null, ordinal int not null,
      kind text not null, description text not null, quantity numeric(12,2) not null, unit_price_minor bigint not null, taxable boolean not null,
      amount_minor bigint not null, tax_components jsonb not null, tax_minor bigint not null, total_minor bigint not null,
      primary key (tenant_id, invoice_id, line_id))`);
    this.addSql(`create table shop.invoice_payments (
      tenant_id uuid not null, invoice_id uuid not null, payment_id uuid not null,
      method text not null, amount_minor bigint not null, refunded_minor bigint not null, reference text,
      received_at timestamptz not null, refunds jsonb not null default '[]',
      primary key (tenant_id, invoice_id, payment_id))`);
    // A Stripe PaymentIntent id (or check number) finds its invoice.
    this.addSql(`create index invoice_payments_by_reference on shop.invoice_payments (tenant_id, reference) where reference is not null`);
    for (const table of ['shop.invoices', 'shop.invoice_lines', 'shop.invoice_payments']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
