/** Approvals' entry for apps: its manifest. Other contexts use `@workbay/approvals/contract`. */
export { APPROVALS } from './manifest';
