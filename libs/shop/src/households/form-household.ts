import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ input }: FormHousehold): Promise<CommandResult> {
    const householdId = this.aggregates.newId(householdStreamCategory);
    return this.aggregates.execute(householdDecider, householdStreamCategory, householdId, {
      type: 'FormHousehold', householdId, name: input.name, formedAt: this.clock.now().toISOString(), actor: this.context.principal.userId,
    });
  }
}
