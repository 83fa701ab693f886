import { Migration0002ShopReadModels } from './0002-shop-read-models';
import { Migration0003ShopLocations } from './0003-shop-locations';

export const SHOP_MIGRATIONS: Function[] = [Migration0002ShopReadModels, Migration0003ShopLocations];
