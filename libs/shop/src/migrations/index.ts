import { Migration0002ShopReadModels } from './0002-shop-read-models';
import { Migration0003ShopLocations } from './0003-shop-locations';
import { Migration0004ShopJobCatalog } from './0004-shop-job-catalog';
import { Migration0007ShopQuoteRevisions } from './0007-shop-quote-revisions';
import { Migration0008ShopHouseholds } from './0008-shop-households';

export const SHOP_MIGRATIONS: Function[] = [Migration0002ShopReadModels, Migration0003ShopLocations, Migration0004ShopJobCatalog, Migration0007ShopQuoteRevisions, Migration0008ShopHouseholds];
