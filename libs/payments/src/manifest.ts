import type { ContextManifest } from '@workbay/platform';
import { PAYMENTS_GRANTS } from './payments.grants';
import { PaymentsModule } from './payments.module';

/** Stripe Connect accounts and the payment gateway; its column (tenants.stripe_account_id) is in the kernel's migration 0003, from before the split. */
export const PAYMENTS: ContextManifest = {
  name: 'payments',
  module: { api: PaymentsModule.forApi(), worker: PaymentsModule.forWorker() },
  entities: [],
  projections: [],
  processes: [],
  migrations: [],
  grants: PAYMENTS_GRANTS,
  auditableRecords: [],
};
