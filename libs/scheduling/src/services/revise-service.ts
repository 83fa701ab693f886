import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { serviceDecider } from './service.decider';
import { serviceStreamCategory } from './service.events';
import { ServiceTermsInput } from './service.dto';
import { ResourceFacts } from './known-resources';
import { serviceDraft } from './define-service';

/** Replaces a service's terms (its location stays); existing reservations keep the terms they were booked with. */
export class ReviseService extends Command<CommandResult> {
  constructor(readonly serviceId: string, readonly input: ServiceTermsInput) {
    super();
  }
}

@CommandHandler(ReviseService)
export class ReviseServiceHandler implements ICommandHandler<ReviseService> {
  constructor(private readonly aggregates: AggregateStore, private readonly facts: ResourceFacts) {}

  execute({ serviceId, input }: ReviseService): Promise<CommandResult> {
    return this.aggregates.execute(serviceDecider, serviceStreamCategory, serviceId, async (_, { now, actor }) => ({
      type: 'ReviseService', ...(await serviceDraft(input, this.facts)), revisedAt: now, actor,
    }));
  }
}
