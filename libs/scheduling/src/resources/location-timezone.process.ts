import { StoredEvent } from '@workbay/eventstore';
import { ProcessManager } from '@workbay/platform';
import type { LocationUpdated } from '@workbay/shop/contract';
import type { ResourceRegistered } from './resource.events';
import { ChangeResourceTimezone } from './change-resource-timezone';
import { FollowLocationTimezone } from './follow-location-timezone';

/**
 * A resource's hours are in its location's zone: when the shop re-zones a location, its
 * resources follow. A registration is looked at too, for the one that read the old zone while
 * the change was being written: whichever of the two this process reads second sees the other
 * (the directory, read for a location change, has every registration read before it; a
 * registration read after the change finds the new zone at the shop).
 */
export const locationTimezoneProcess: ProcessManager = {
  name: 'scheduling.location-timezone',
  eventTypes: ['LocationUpdated', 'ResourceRegistered'],
  react(event: StoredEvent) {
    if (event.type === 'ResourceRegistered') return [new ChangeResourceTimezone((event.data as ResourceRegistered['data']).resourceId)];
    const { locationId, timezone } = event.data as LocationUpdated['data'];
    return [new FollowLocationTimezone(locationId, timezone, event.globalPosition)];
  },
};
