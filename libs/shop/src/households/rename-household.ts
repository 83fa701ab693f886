import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { householdDecider } from './household.decider';
import { householdStreamCategory } from './household.events';
import { FormHouseholdInput } from './household.dto';

export class RenameHousehold extends Command<CommandResult> {
  constructor(readonly householdId: string, readonly input: FormHouseholdInput) {
    super();
  }
}

@CommandHandler(RenameHousehold)
export class RenameHouseholdHandler implements ICommandHandler<RenameHousehold> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ householdId, input }: RenameHousehold): Promise<CommandResult> {
    await this.aggregates.load(householdDecider, householdStreamCategory, householdId, { what: 'household' });
    return this.aggregates.execute(householdDecider, householdStreamCategory, householdId, (_, { now, actor }) => ({
      type: 'RenameHousehold', name: input.name, renamedAt: now, actor,
    }));
  }
}
