/** The shop context's one entry for apps: its manifest. Other contexts use `@workbay/shop/contract`. */
export { SHOP } from './manifest';
export type { ShopSubject } from './shop.grants';
