import { currentVersion, planVersion, versionsOf } from '../catalog/catalog';
import type { PlanId, PlanVersion } from '../catalog/catalog.types';
import { PlanCatalog } from './plan-catalog.port';

/** The seeded, versioned catalog (catalog/catalog.ts) behind the port entitlements read. */
export class SeededPlanCatalog extends PlanCatalog {
  planVersion(plan: PlanId, version: number): PlanVersion | undefined {
    return planVersion(plan, version);
  }

  currentVersion(plan: PlanId, at: Date): PlanVersion {
    // A tenant registered before its plan's first version was published gets that first version.
    const chosen = currentVersion(plan, at) ?? versionsOf(plan)[0];
    if (!chosen) throw new RangeError(`no version of plan ${plan}`);
    return chosen;
  }
}
