/** Scheduling's entry for apps: its manifest. Other contexts use `@workbay/scheduling/contract`. */
export { SCHEDULING } from './manifest';
