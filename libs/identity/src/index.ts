/** Identity's entry for apps: its manifest. Other contexts use `@workbay/identity/contract`. */
export { IDENTITY } from './manifest';
