import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import { PageArgs } from '../shared/pagination';
import { CUSTOMER_DIRECTORY, CustomerDetail, CustomerDirectory } from './customer-directory.queries';
import { CustomerPage, CustomerView, RegisterCustomerInput } from './customer.dto';
import { RegisterCustomer } from './register-customer';

@Resolver(() => CustomerView)
export class CustomersResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('create', 'Customer')
  registerCustomer(@Args('input') input: RegisterCustomerInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterCustomer(input));
  }

  @Query(() => CustomerPage)
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  customers(@Args() page: PageArgs): Promise<CustomerPage> {
    return this.queries.execute(new CustomerDirectory(page.first ?? 20, page.after));
  }

  @Query(() => CustomerView)
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  customer(@Args('id', { type: () => ID }, IdOf('customer')) id: string): Promise<CustomerView> {
    return this.queries.execute(new CustomerDetail(id));
  }
}
