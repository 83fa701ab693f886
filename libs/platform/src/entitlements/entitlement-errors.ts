import { AppError } from '../errors/errors';

/** 403 `FEATURE_NOT_IN_PLAN`: the tenant's plan (and overrides) do not include the feature. */
export class FeatureNotInPlan extends AppError {
  readonly status = 403;
  readonly code = 'FEATURE_NOT_IN_PLAN';
  constructor(readonly feature: string, readonly plan: string) {
    super(`the ${plan} plan does not include ${feature}`, [{ field: 'feature', message: `${feature} is not in the ${plan} plan` }]);
  }

  override get details(): Record<string, unknown> {
    return { feature: this.feature, plan: this.plan };
  }
}

/** 429 `QUOTA_EXCEEDED`: the hard quota of a meter is reached for the period; Retry-After is the seconds to `resetsAt`. */
export class QuotaExceeded extends AppError {
  readonly status = 429;
  readonly code = 'QUOTA_EXCEEDED';
  constructor(readonly meter: string, readonly limit: number, readonly usage: number, readonly resetsAt: string, readonly retryAfterSeconds: number) {
    super(`the ${meter} quota of ${limit} is reached (used ${usage}); it resets at ${resetsAt}`);
  }

  override get details(): Record<string, unknown> {
    return { meter: this.meter, limit: this.limit, usage: this.usage, resetsAt: this.resetsAt };
  }
}

/**
 * 403 `PLAN_LIMIT_EXCEEDED`: what is being set up is larger than the plan allows (e.g. more gates
 * in an approval policy than `approvalGatesPerPolicy`). A 403 like FEATURE_NOT_IN_PLAN, not a 429:
 * waiting changes nothing; a smaller setup or another plan does.
 */
export class PlanLimitExceeded extends AppError {
  readonly status = 403;
  readonly code = 'PLAN_LIMIT_EXCEEDED';
  constructor(readonly limitName: string, readonly limit: number, readonly requested: number, readonly plan: string, field: string) {
    super(`the ${plan} plan allows ${limit} for ${limitName}; asked for ${requested}`, [{ field, message: `at most ${limit} (${limitName} on the ${plan} plan)` }]);
  }

  override get details(): Record<string, unknown> {
    return { limitName: this.limitName, limit: this.limit, requested: this.requested, plan: this.plan };
  }
}
