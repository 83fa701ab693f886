import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import type { ResourceKind, ServiceNeed } from '../shared/schedule.rules';
import { ShopLocations } from '../catalog/location-reference';
import { serviceDecider, ServiceTermsDraft } from './service.decider';
import { serviceStreamCategory } from './service.events';
import { DefineServiceInput, ServiceTermsInput } from './service.dto';
import { ResourceFacts } from './known-resources';

export class DefineService extends Command<CommandResult> {
  constructor(readonly input: DefineServiceInput) {
    super();
  }
}

/** The input as the decider's draft, with the facts about the resources its needs name. */
export async function serviceDraft(input: ServiceTermsInput, facts: ResourceFacts): Promise<ServiceTermsDraft> {
  const needs: ServiceNeed[] = input.needs.map((n) => ({
    kind: n.kind as ResourceKind, count: n.count ?? 1, ...(n.resourceIds ? { resourceIds: n.resourceIds } : {}),
  }));
  return {
    name: input.name,
    durationMinutes: input.durationMinutes,
    price: { amountMinor: input.price.amountMinor, currency: input.price.currency },
    needs,
    seatsPerBooking: input.seatsPerBooking,
    rules: input.rules,
    bookableOnline: input.bookableOnline,
    known: await facts.of(needs),
  };
}

@CommandHandler(DefineService)
export class DefineServiceHandler implements ICommandHandler<DefineService> {
  constructor(private readonly aggregates: AggregateStore, private readonly locations: ShopLocations, private readonly facts: ResourceFacts) {}

  async execute({ input }: DefineService): Promise<CommandResult> {
    const location = await this.locations.open(input.locationId);
    const draft = await serviceDraft(input, this.facts);
    const serviceId = this.aggregates.newId(serviceStreamCategory);
    return this.aggregates.execute(serviceDecider, serviceStreamCategory, serviceId, (_, { now, actor }) => ({
      type: 'DefineService', serviceId, locationId: location.locationId, ...draft, definedAt: now, actor,
    }));
  }
}
