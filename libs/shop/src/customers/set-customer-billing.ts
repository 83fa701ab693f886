import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { customerDecider } from './customer.decider';
import { customerStreamCategory } from './customer.events';
import { SetCustomerBillingInput } from './customer-billing.dto';

/** Replaces the billing address and tax id together (PUT): what is not given is removed. */
export class SetCustomerBilling extends Command<CommandResult> {
  constructor(readonly customerId: string, readonly input: SetCustomerBillingInput) {
    super();
  }
}

@CommandHandler(SetCustomerBilling)
export class SetCustomerBillingHandler implements ICommandHandler<SetCustomerBilling> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ customerId, input }: SetCustomerBilling): Promise<CommandResult> {
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'SetCustomerBilling',
      billingAddress: input.billingAddress ?? null,
      taxId: input.taxId ?? null,
      setAt: now,
      actor,
    }));
  }
}
