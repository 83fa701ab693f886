import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CommandResultView, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DelegateApprovals, RevokeDelegation } from './delegate-approvals';
import { DelegateApprovalsInput } from './delegation.dto';

@Resolver()
@RequireEntitlement({ feature: 'approvals' })
export class DelegationsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CommandResultView, { description: 'Delegates your gates to another user for [startsAt, endsAt); id is the delegation' })
  @RequireAbility('delegate', 'ApprovalRequest')
  delegateApprovals(@Args('input', { description: 'the delegate and the period' }) input: DelegateApprovalsInput): Promise<CommandResultView> {
    return this.commands.execute(new DelegateApprovals(input));
  }

  @Mutation(() => CommandResultView, { description: 'Revokes one of your delegations at once' })
  @RequireAbility('delegate', 'ApprovalRequest')
  revokeApprovalDelegation(@Args('id', { type: () => ID }, IdOf('delegation')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new RevokeDelegation(id));
  }
}
