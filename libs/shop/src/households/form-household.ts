import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { householdDecider } from './household.decider';
import { householdStreamCategory } from './household.events';
import { FormHouseholdInput } from './household.dto';

export class FormHousehold extends Command<CommandResult> {
  constructor(readonly input: FormHouseholdInput) {
    super();
  }
}

@CommandHandler(FormHousehold)
export class FormHouseholdHandler implements ICommandHandler<FormHousehold> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ input }: FormHousehold): Promise<CommandResult> {
    const householdId = this.aggregates.newId(householdStreamCategory);
    return this.aggregates.execute(householdDecider, householdStreamCategory, householdId, (_, { now, actor }) => ({
      type: 'FormHousehold', householdId, name: input.name, formedAt: now, actor,
    }));
  }
}
