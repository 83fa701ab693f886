import type { PlanId, PlanVersion } from '../catalog/catalog.types';

/**
 * What entitlements need of the plan catalog: a version a tenant is on (it keeps it until it
 * changes plan) and the version new subscriptions get. An abstract class so it is its own
 * injection token; the seeded catalog (catalog/catalog.ts) provides it.
 */
export abstract class PlanCatalog {
  abstract planVersion(plan: PlanId, version: number): PlanVersion | undefined;
  /** The latest version of `plan` published at or before `at`. */
  abstract currentVersion(plan: PlanId, at: Date): PlanVersion;
}
