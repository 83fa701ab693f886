import { Migration } from '@mikro-orm/migrations';

/** Disputes (chargebacks) of Stripe payments on the invoice board: what Stripe withdrew per payment, and each dispute as Stripe shows it. */
export class Migration0014ShopInvoiceDisputes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.invoice_payments add column disputed_minor bigint not null default 0, add column disputes jsonb not null default '[]'::jsonb`);
  }
}
