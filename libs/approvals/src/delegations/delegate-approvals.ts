import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, RequestContext, UserDirectory } from '@workbay/platform';
import { approvalDelegationStreamCategory } from '../requests/request.events';
import { delegationDecider } from './delegation.decider';

/** The signed-in user hands their gates to another user of the shop for [startsAt, endsAt). */
export class DelegateApprovals extends Command<CommandResult> {
  constructor(readonly input: { toUserId: string; startsAt: string; endsAt: string }) {
    super();
  }
}

/** The delegator ends one of their delegations at once; the id names a delegation in the caller's own stream (else 404). */
export class RevokeDelegation extends Command<CommandResult> {
  constructor(readonly delegationId: string) {
    super();
  }
}

@CommandHandler(DelegateApprovals)
export class DelegateApprovalsHandler implements ICommandHandler<DelegateApprovals> {
  constructor(private readonly aggregates: AggregateStore, private readonly users: UserDirectory, private readonly context: RequestContext) {}

  async execute({ input }: DelegateApprovals): Promise<CommandResult> {
    const delegateIsUser = (await this.users.candidates([input.toUserId])).some((u) => u.userId === input.toUserId);
    const fromUserId = this.context.principal.userId;
    // The id is the delegation's; the stream is the delegator's, so the result names the delegation.
    const delegationId = this.aggregates.newId('approval-delegation-id');
    const result = await this.aggregates.execute(delegationDecider, approvalDelegationStreamCategory, fromUserId, (_, { now, actor }) => ({
      type: 'DelegateApprovals', delegationId, toUserId: input.toUserId, delegateIsUser, startsAt: input.startsAt, endsAt: input.endsAt, delegatedAt: now, actor,
    }));
    return { ...result, id: delegationId };
  }
}

@CommandHandler(RevokeDelegation)
export class RevokeDelegationHandler implements ICommandHandler<RevokeDelegation> {
  constructor(private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  async execute({ delegationId }: RevokeDelegation): Promise<CommandResult> {
    const result = await this.aggregates.execute(delegationDecider, approvalDelegationStreamCategory, this.context.principal.userId, (_, { now, actor }) => ({
      type: 'RevokeDelegation', delegationId, revokedAt: now, actor,
    }));
    return { ...result, id: delegationId };
  }
}
