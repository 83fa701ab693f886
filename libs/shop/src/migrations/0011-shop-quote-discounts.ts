import { Migration } from '@mikro-orm/migrations';

/** Quote discounts on the quote board: each line's share, the quote's total, and the approval request that approved it. */
export class Migration0011ShopQuoteDiscounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.quotes add column discount_minor bigint not null default 0, add column discount_approval_request_id uuid`);
    this.addSql(`alter table shop.quote_lines add column discount_minor bigint not null default 0`);
  }
}
