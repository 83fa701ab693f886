import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { householdDecider } from './household.decider';
import { householdStreamCategory } from './household.events';
import { SetHouseholdBillingInput } from './household.dto';

/** Replaces the household's billing address and tax id together (PUT), as SetCustomerBilling does: what is not given is removed. */
export class SetHouseholdBilling extends Command<CommandResult> {
  constructor(readonly householdId: string, readonly input: SetHouseholdBillingInput) {
    super();
  }
}

@CommandHandler(SetHouseholdBilling)
export class SetHouseholdBillingHandler implements ICommandHandler<SetHouseholdBilling> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ householdId, input }: SetHouseholdBilling): Promise<CommandResult> {
    // 404 for an id this tenant has no household under, before any field is judged.
    await this.aggregates.load(householdDecider, householdStreamCategory, householdId, { what: 'household' });
    return this.aggregates.execute(householdDecider, householdStreamCategory, householdId, (_, { now, actor }) => ({
      type: 'SetHouseholdBilling',
      billingAddress: input.billingAddress ?? null,
      taxId: input.taxId ?? null,
      setAt: now,
      actor,
    }));
  }
}
