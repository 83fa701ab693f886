import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CUSTOMER_DIRECTORY } from '../customers/customer-directory.queries';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import { PageArgs } from '../shared/pagination';
import { FormHousehold } from './form-household';
import { HouseholdDetail, HouseholdDirectory } from './household-directory.queries';
import { FormHouseholdInput, HouseholdPage, HouseholdView } from './household.dto';
import { AddHouseholdMember, RemoveHouseholdMember } from './household-membership';
import { RenameHousehold } from './rename-household';

const householdId = () => Args('id', { type: () => ID }, IdOf('household'));
const customerId = () => Args('customerId', { type: () => ID }, IdOf('customer'));

@Resolver(() => HouseholdView)
export class HouseholdsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('create', 'Customer')
  formHousehold(@Args('input') input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new FormHousehold(input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('update', 'Customer')
  renameHousehold(@householdId() id: string, @Args('input') input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new RenameHousehold(id, input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('update', 'Customer')
  addHouseholdMember(@householdId() id: string, @customerId() customer: string): Promise<CommandResultView> {
    return this.commands.execute(new AddHouseholdMember(id, customer));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('update', 'Customer')
  removeHouseholdMember(@householdId() id: string, @customerId() customer: string): Promise<CommandResultView> {
    return this.commands.execute(new RemoveHouseholdMember(id, customer));
  }

  @Query(() => HouseholdPage)
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  households(@Args() page: PageArgs): Promise<HouseholdPage> {
    return this.queries.execute(new HouseholdDirectory(page.first ?? 20, page.after));
  }

  @Query(() => HouseholdView)
  @RequireAbility('read', 'Customer')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  household(@householdId() id: string): Promise<HouseholdView> {
    return this.queries.execute(new HouseholdDetail(id));
  }
}
