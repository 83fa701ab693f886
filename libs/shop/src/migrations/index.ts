import { Migration0002ShopReadModels } from './0002-shop-read-models';
import { Migration0003ShopLocations } from './0003-shop-locations';
import { Migration0004ShopJobCatalog } from './0004-shop-job-catalog';

export const SHOP_MIGRATIONS: Function[] = [Migration0002ShopReadModels, Migration0003ShopLocations, Migration0004ShopJobCatalog];
