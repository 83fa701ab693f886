import { Migration0002ShopReadModels } from './0002-shop-read-models';

export const SHOP_MIGRATIONS: Function[] = [Migration0002ShopReadModels];
