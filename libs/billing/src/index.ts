/** Billing's entry for apps: its manifest. Other contexts use `@workbay/billing/contract`. */
export { BILLING } from './manifest';
