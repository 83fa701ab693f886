import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { customerDecider } from './customer.decider';
import { customerStreamCategory } from './customer.events';
import { UpdateCustomerContactInput } from './customer.dto';

/** Omitted fields stay as they are; null removes one (email or phone must remain). */
export class UpdateCustomerContact extends Command<CommandResult> {
  constructor(readonly customerId: string, readonly input: UpdateCustomerContactInput) {
    super();
  }
}

@CommandHandler(UpdateCustomerContact)
export class UpdateCustomerContactHandler implements ICommandHandler<UpdateCustomerContact> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ customerId, input }: UpdateCustomerContact): Promise<CommandResult> {
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'UpdateCustomerContact',
      email: input.email,
      phone: input.phone,
      updatedAt: now,
      actor,
    }));
  }
}
