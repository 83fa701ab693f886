import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CommandResultView, IdOf, PageArgs } from '@workbay/platform';
import { CUSTOMER_DIRECTORY, CustomerDetail, CustomerDirectory } from './customer-directory.queries';
import { CustomerPage, CustomerView, RegisterCustomerInput, SetPreferredLocationsInput, UpdateCustomerContactInput } from './customer.dto';
import { RegisterCustomer } from './register-customer';
import { SetPreferredLocations } from './set-preferred-locations';
import { UpdateCustomerContact } from './update-customer-contact';
import { SetCustomerBilling } from './set-customer-billing';
import { SetCustomerBillingInput } from './customer-billing.dto';

const customerId = () => Args('id', { type: () => ID, description: 'the customer' }, IdOf('customer'));

@Resolver(() => CustomerView)
export class CustomersResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Registers a customer (an e-mail or a phone is required)' })
  @RequireAbility('create', 'Customer')
  @RequireEntitlement({ meter: 'customers_created' })
  registerCustomer(@Args('input', { description: 'the customer' }) input: RegisterCustomerInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterCustomer(input));
  }

  @Mutation(() => CommandResultView, { description: "Changes a customer's e-mail and/or phone" })
  @RequireAbility('update', 'Customer')
  updateCustomerContact(@customerId() id: string, @Args('input', { description: 'the new contact details' }) input: UpdateCustomerContactInput): Promise<CommandResultView> {
    return this.commands.execute(new UpdateCustomerContact(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Sets a customer's preferred shop locations, most preferred first" })
  @RequireAbility('update', 'Customer')
  setPreferredLocations(@customerId() id: string, @Args('input', { description: 'the preferred locations' }) input: SetPreferredLocationsInput): Promise<CommandResultView> {
    return this.commands.execute(new SetPreferredLocations(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Sets a customer's billing address and tax id (GSTIN or EU VAT id); both are replaced" })
  @RequireAbility('update', 'Customer')
  setCustomerBilling(@customerId() id: string, @Args('input', { description: 'the billing details' }) input: SetCustomerBillingInput): Promise<CommandResultView> {
    return this.commands.execute(new SetCustomerBilling(id, input));
  }

  @Query(() => CustomerPage, { description: 'Customers with their vehicles, newest first' })
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  customers(@Args() page: PageArgs): Promise<CustomerPage> {
    return this.queries.execute(new CustomerDirectory(page.first ?? 20, page.after));
  }

  @Query(() => CustomerView, { description: 'One customer with their vehicles' })
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  customer(@customerId() id: string): Promise<CustomerView> {
    return this.queries.execute(new CustomerDetail(id));
  }
}
