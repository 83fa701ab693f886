import { SetMetadata } from '@nestjs/common';

/**
 * What an endpoint needs of the tenant's plan: a feature it must include, and/or units of a
 * metered resource it consumes (quota). The kernel knows neither features nor meters by name:
 * billing owns them and answers through the `Entitlements` port.
 */
export interface EntitlementRequirement {
  feature?: string;
  meter?: string;
  /** Units of `meter` one successful call consumes; default 1. */
  units?: number;
}

export const ENTITLEMENT_REQUIRED = 'workbay:entitlement';

/** One per endpoint, like `@RequireAbility`: the guard checks the feature, the quota interceptor counts the meter. */
export const RequireEntitlement = (requirement: EntitlementRequirement) => {
  if (!requirement.feature && !requirement.meter) throw new Error('@RequireEntitlement needs a feature or a meter');
  if (requirement.units !== undefined && (!Number.isSafeInteger(requirement.units) || requirement.units < 1)) {
    throw new Error('@RequireEntitlement units must be a positive integer');
  }
  return SetMetadata(ENTITLEMENT_REQUIRED, requirement);
};
