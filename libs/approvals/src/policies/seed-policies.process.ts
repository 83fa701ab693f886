import { StoredEvent } from '@workbay/eventstore';
import type { TenantRegistered } from '@workbay/identity/contract';
import { ProcessManager } from '@workbay/platform';
import { defaultGates } from './default-policies.rules';
import { REQUEST_TYPES } from './policy.events';
import { PublishPolicy } from './publish-policy';

/**
 * A new shop gets a default policy per request type. Each PublishPolicy is keyed by this event
 * and its index (the process runtime's key), so a redelivery publishes nothing twice; a seed is
 * refused on a policy that already has a version, so it never overwrites an owner's edit.
 */
export const seedApprovalPolicies: ProcessManager = {
  name: 'approvals.seed-policies',
  eventTypes: ['TenantRegistered'],
  react(event: StoredEvent) {
    const { currency } = event.data as TenantRegistered['data'];
    return REQUEST_TYPES.map((type) => new PublishPolicy(type, { gates: defaultGates(type, currency) }, true));
  },
};
