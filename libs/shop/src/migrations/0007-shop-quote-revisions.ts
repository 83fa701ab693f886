import { Migration } from '@mikro-orm/migrations';

/** Quotes carry their shop location and revision (quote-board.projection.ts); existing rows are revision 1. */
export class Migration0007ShopQuoteRevisions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.quotes add column location_id uuid, add column revision int not null default 1, add column revised_at timestamptz`);
  }
}
