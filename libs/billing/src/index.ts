/** Billing's entry for apps: its manifest, and the operator command the CLI runs. Other contexts use `@workbay/billing/contract`. */
export { BILLING } from './manifest';
export { OverrideEntitlement } from './entitlements/override-entitlements';
export { OVERRIDE_USAGE, parseOverrideArguments } from './entitlements/override-arguments';
/** Platform finance's usage CSV for the CLI (`workbay usage:export`). */
export { exportUsageCsv, parseUsageExportArgs, USAGE_EXPORT_USAGE } from './usage-reports/usage-export';
