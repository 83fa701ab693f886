import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { householdDecider } from './household.decider';
import { householdStreamCategory } from './household.events';

/** Puts a customer in the household, moving them out of any other (written on the customer's stream). */
export class AddHouseholdMember extends Command<CommandResult> {
  constructor(readonly householdId: string, readonly customerId: string) {
    super();
  }
}

/** Takes a customer out of the household; 409 when they are not in it. */
export class RemoveHouseholdMember extends Command<CommandResult> {
  constructor(readonly householdId: string, readonly customerId: string) {
    super();
  }
}

@CommandHandler(AddHouseholdMember)
export class AddHouseholdMemberHandler implements ICommandHandler<AddHouseholdMember> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ householdId, customerId }: AddHouseholdMember): Promise<CommandResult> {
    await this.aggregates.load(householdDecider, householdStreamCategory, householdId, { what: 'household' });
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'JoinHousehold', householdId, joinedAt: now, actor,
    }));
  }
}

@CommandHandler(RemoveHouseholdMember)
export class RemoveHouseholdMemberHandler implements ICommandHandler<RemoveHouseholdMember> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ householdId, customerId }: RemoveHouseholdMember): Promise<CommandResult> {
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'LeaveHousehold', householdId, leftAt: now, actor,
    }));
  }
}
