import { Injectable } from '@nestjs/common';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import type { ServiceNeed } from '../shared/schedule.rules';
import { resourceDecider } from '../resources/resource.decider';
import { resourceStreamCategory } from '../resources/resource.events';
import type { KnownResources } from './service.decider';

/**
 * The facts the service decider checks a need's resource ids against, from the resources' own
 * streams (not the directory, which may lag): ids of this tenant only, so another tenant's is unknown.
 */
@Injectable()
export class ResourceFacts {
  constructor(private readonly aggregates: AggregateStore) {}

  async of(needs: readonly Pick<ServiceNeed, 'resourceIds'>[] | undefined): Promise<KnownResources> {
    const ids = [...new Set((needs ?? []).flatMap((n) => n.resourceIds ?? []))];
    const known: KnownResources = {};
    await Promise.all(ids.map(async (id) => {
      try {
        const { state } = await this.aggregates.load(resourceDecider, resourceStreamCategory, id);
        known[id] = state && { locationId: state.locationId, kind: state.kind, active: state.active };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        known[id] = null;
      }
    }));
    return known;
  }
}
