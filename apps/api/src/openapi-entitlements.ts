import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { EntitlementRequirement } from '@workbay/platform';
import { QUOTA_WARNING_HEADER } from '@workbay/platform';

/**
 * What `@RequireEntitlement` adds to an operation's contract: the 403 names the plan feature it
 * needs, the 429 the meter whose hard quota refuses it (with Retry-After), and its successes may
 * carry the soft-quota warning header.
 */
export function documentEntitlement(operation: OperationObject, requirement: EntitlementRequirement): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  if (requirement.feature && responses['403']) {
    responses['403'].description += `; \`FEATURE_NOT_IN_PLAN\` (with \`feature\`): the shop's plan does not include \`${requirement.feature}\``;
  }
  if (requirement.meter && responses['429']) {
    responses['429'].description =
      `\`QUOTA_EXCEEDED\`: the hard quota of \`${requirement.meter}\` for the period is reached; the body names \`meter\`, \`limit\`, \`usage\` and \`resetsAt\`, and \`Retry-After\` is the seconds until then`;
    responses['429'].headers = { 'Retry-After': { description: 'seconds until the quota resets', schema: { type: 'integer', minimum: 1 } } };
  }
  if (requirement.meter) {
    for (const [status, response] of Object.entries(responses)) {
      if (!/^2\d\d$/.test(status)) continue;
      response.headers = {
        ...response.headers,
        [QUOTA_WARNING_HEADER]: {
          description: `present once usage of \`${requirement.meter}\` passed the soft quota, e.g. \`${requirement.meter}; used=151; soft=150; hard=200\``,
          schema: { type: 'string' },
        },
      };
    }
  }
}
