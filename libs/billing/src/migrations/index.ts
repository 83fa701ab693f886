import { Migration0001BillingEntitlements } from './0001-billing-entitlements';
import { Migration0003BillingUsageReports } from './0003-billing-usage-reports';

/** Billing's migrations, in order (schema `billing`); they run after the kernel's and those of the contexts listed before billing. */
export const BILLING_MIGRATIONS: Function[] = [Migration0001BillingEntitlements, Migration0003BillingUsageReports];
