import type { ContextManifest } from '@workbay/platform';
import { IDENTITY_GRANTS } from './identity.grants';
import { IdentityModule } from './identity.module';

/**
 * Tenants, signup, login, users, roles, invitations. Its tables came with the kernel's migrations
 * (0001, 0002, 0004, 0007, 0012) before the split: a migrated database has them recorded under
 * those names and in that order, so they stay in PLATFORM_MIGRATIONS and this list starts empty.
 */
export const IDENTITY: ContextManifest = {
  name: 'identity',
  module: { api: IdentityModule.forApi(), worker: IdentityModule.forWorker() },
  entities: [],
  projections: [],
  processes: [],
  migrations: [],
  grants: IDENTITY_GRANTS,
  auditableRecords: [],
};
