import type { ContextManifest } from '@workbay/platform';
import { BillingApiModule, BillingWorkerModule } from './billing.module';
import { BILLING_GRANTS } from './billing.grants';
import { BILLING_MIGRATIONS } from './migrations';
import { usageReportsProjection } from './usage-reports/usage-reports.projection';

const entities: Function[] = [];
const projections: ContextManifest['projections'] = [usageReportsProjection];

/** Billing: the plan catalog, entitlements (features, quotas, overrides), usage metering and its reports. */
export const BILLING: ContextManifest = {
  name: 'billing',
  module: { api: BillingApiModule, worker: BillingWorkerModule },
  entities,
  projections,
  processes: [],
  migrations: BILLING_MIGRATIONS,
  grants: BILLING_GRANTS,
  auditableRecords: [],
  entitlements: [],
};
