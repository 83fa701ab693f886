import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandResultView, RequireAbility } from '@workbay/platform';
import { ChangePlan } from './change-plan';
import { ChangePlanInput } from './subscription.dto';

@Resolver()
export class SubscriptionResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CommandResultView, { description: "Moves the shop to another plan's current version (owners only)" })
  @RequireAbility('update', 'Subscription')
  changePlan(@Args('input', { description: 'the plan' }) input: ChangePlanInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangePlan(input.plan));
  }
}
