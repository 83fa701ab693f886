import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CUSTOMER_DIRECTORY } from '../customers/customer-directory.queries';
import { CommandResultView, IdOf, PageArgs } from '@workbay/platform';
import { FormHousehold } from './form-household';
import { HouseholdDetail, HouseholdDirectory } from './household-directory.queries';
import { FormHouseholdInput, HouseholdPage, HouseholdView, SetHouseholdBillingInput } from './household.dto';
import { AddHouseholdMember, RemoveHouseholdMember } from './household-membership';
import { RenameHousehold } from './rename-household';
import { SetHouseholdBilling } from './set-household-billing';

const householdId = () => Args('id', { type: () => ID, description: 'the household' }, IdOf('household'));
const customerId = () => Args('customerId', { type: () => ID, description: 'the customer' }, IdOf('customer'));

@Resolver(() => HouseholdView)
export class HouseholdsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Forms a household (customers are added to it next)' })
  @RequireAbility('create', 'Customer')
  formHousehold(@Args('input', { description: 'the household' }) input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new FormHousehold(input));
  }

  @Mutation(() => CommandResultView, { description: 'Renames a household' })
  @RequireAbility('update', 'Customer')
  renameHousehold(@householdId() id: string, @Args('input', { description: 'the new name' }) input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new RenameHousehold(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Sets a household's billing address and tax id (GSTIN or EU VAT id), for members with none of their own; both are replaced" })
  @RequireAbility('update', 'Customer')
  setHouseholdBilling(@householdId() id: string, @Args('input', { description: 'the billing details' }) input: SetHouseholdBillingInput): Promise<CommandResultView> {
    return this.commands.execute(new SetHouseholdBilling(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Adds a customer to a household (a customer is in at most one)' })
  @RequireAbility('update', 'Customer')
  addHouseholdMember(@householdId() id: string, @customerId() customer: string): Promise<CommandResultView> {
    return this.commands.execute(new AddHouseholdMember(id, customer));
  }

  @Mutation(() => CommandResultView, { description: 'Removes a customer from a household' })
  @RequireAbility('update', 'Customer')
  removeHouseholdMember(@householdId() id: string, @customerId() customer: string): Promise<CommandResultView> {
    return this.commands.execute(new RemoveHouseholdMember(id, customer));
  }

  @Query(() => HouseholdPage, { description: 'Households with their members and vehicles, newest first' })
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  households(@Args() page: PageArgs): Promise<HouseholdPage> {
    return this.queries.execute(new HouseholdDirectory(page.first ?? 20, page.after));
  }

  @Query(() => HouseholdView, { description: 'One household with its members and their vehicles' })
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  household(@householdId() id: string): Promise<HouseholdView> {
    return this.queries.execute(new HouseholdDetail(id));
  }
}
