import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { customerDecider } from './customer.decider';
import { customerStreamCategory } from './customer.events';
import { RegisterCustomerInput } from './customer.dto';

export class RegisterCustomer extends Command<CommandResult> {
  constructor(readonly input: RegisterCustomerInput) {
    super();
  }
}

@CommandHandler(RegisterCustomer)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomer> {
  constructor(
    private readonly aggregates: AggregateStore,
  ) {}

  execute({ input }: RegisterCustomer): Promise<CommandResult> {
    const customerId = this.aggregates.newId(customerStreamCategory);
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'RegisterCustomer',
      customerId,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      registeredAt: now,
      actor,
    }));
  }
}
