import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { serviceDecider } from './service.decider';
import { serviceStreamCategory } from './service.events';

/** No longer bookable; its reservations stay as they are. */
export class RetireService extends Command<CommandResult> {
  constructor(readonly serviceId: string) {
    super();
  }
}

@CommandHandler(RetireService)
export class RetireServiceHandler implements ICommandHandler<RetireService> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ serviceId }: RetireService): Promise<CommandResult> {
    return this.aggregates.execute(serviceDecider, serviceStreamCategory, serviceId, (_, { now, actor }) => ({ type: 'RetireService', retiredAt: now, actor }));
  }
}
