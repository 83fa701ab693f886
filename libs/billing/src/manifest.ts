import type { ContextManifest } from '@workbay/platform';

/** The plan catalog (a placeholder until metering lands): no module, subjects or tables yet. */
export const BILLING: ContextManifest = {
  name: 'billing',
  module: {},
  entities: [],
  projections: [],
  processes: [],
  migrations: [],
  grants: { roles: {} },
  auditableRecords: [],
  entitlements: [],
};
