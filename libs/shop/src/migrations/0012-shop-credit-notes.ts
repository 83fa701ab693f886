import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Credit notes (read model of credit-notes/credit-note-board.projection.ts): one row per credit
 * note with its lines (jsonb, as issued: amount, reversed tax per component) and totals. The
 * invoice board and the dashboards' invoices learn what was credited (`credited_minor`), so the
 * balance is the receivable: grand total - credited - paid. On the invoice board that balance may
 * now go below 0 (a credit balance the customer is owed back); views show both halves.
 */
export class Migration0012ShopCreditNotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.credit_notes (
      tenant_id uuid not null, id uuid not null, number text not null,
      invoice_id uuid not null, invoice_number text not null, customer_id uuid not null, location_id uuid not null,
      reason text not null, note text, currency char(3) not null, currency_exponent int not null,
      jurisdiction jsonb not null, place_of_supply text, lines jsonb not null, tax_summary jsonb not null,
      subtotal_minor bigint not null, taxable_subtotal_minor bigint not null, tax_total_minor bigint not null, grand_total_minor bigint not null,
      issued_at timestamptz not null, version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index credit_notes_recent on shop.credit_notes (tenant_id, issued_at desc, id desc)`);
    this.addSql(`create index credit_notes_by_invoice on shop.credit_notes (tenant_id, invoice_id, issued_at desc, id desc)`);
    this.addSql(`create index credit_notes_by_customer on shop.credit_notes (tenant_id, customer_id, issued_at desc, id desc)`);
    for (const sql of tenantTableRlsSql('shop.credit_notes')) this.addSql(sql);
    this.addSql(`grant select on shop.credit_notes to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on shop.credit_notes to ${SYSTEM_ROLE}`);
    this.addSql(`alter table shop.invoices add column credited_minor bigint not null default 0`);
    this.addSql(`alter table shop.dashboard_invoices add column credited_minor bigint not null default 0`);
  }
}
