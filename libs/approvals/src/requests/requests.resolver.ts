import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, IdOf, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DecideGate } from './decide-gate';
import { ApprovalRequestDetail } from './request-detail.query';
import { DecideGateInput, RequestView, ResubmitRequestInput, SubmitRequestInput, WithdrawRequestInput } from './request.dto';
import { ResubmitRequest } from './resubmit-request';
import { SubmitRequest } from './submit-request';
import { WithdrawRequest } from './withdraw-request';

const requestId = () => Args('id', { type: () => ID, description: 'the approval request' }, IdOf('approval request'));
const decision = () => Args('input', { type: () => DecideGateInput, nullable: true, description: 'comment, delegation, the gate seen' });

@Resolver(() => RequestView)
@RequireEntitlement({ feature: 'approvals' })
export class RequestsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: "Submits a request, routed by the current version of its type's policy" })
  @RequireAbility('submit', 'ApprovalRequest')
  submitApprovalRequest(@Args('input', { description: 'the request' }) input: SubmitRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new SubmitRequest(input));
  }

  @Mutation(() => CommandResultView, { description: 'Approves the gate the request waits on' })
  @RequireAbility('decide', 'ApprovalRequest')
  approveApprovalGate(@requestId() id: string, @decision() input?: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'approve', input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'Rejects the open gate (comment required)' })
  @RequireAbility('decide', 'ApprovalRequest')
  rejectApprovalGate(@requestId() id: string, @decision() input?: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'reject', input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'Sends the request back to its requester for changes (comment required)' })
  @RequireAbility('decide', 'ApprovalRequest')
  requestApprovalChanges(@requestId() id: string, @decision() input?: DecideGateInput): Promise<CommandResultView> {
    return this.commands.execute(new DecideGate(id, 'request_changes', input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'The requester sends a returned request again (new round from gate 1)' })
  @RequireAbility('submit', 'ApprovalRequest')
  resubmitApprovalRequest(@requestId() id: string, @Args('input', { nullable: true, description: 'the changed fields; omitted: resubmitted as it was' }) input?: ResubmitRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new ResubmitRequest(id, input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'The requester withdraws a request that is not completed' })
  @RequireAbility('withdraw', 'ApprovalRequest')
  withdrawApprovalRequest(@requestId() id: string, @Args('input', { nullable: true, description: 'why it is withdrawn' }) input?: WithdrawRequestInput): Promise<CommandResultView> {
    return this.commands.execute(new WithdrawRequest(id, input ?? {}));
  }

  @Query(() => RequestView, { description: 'One request: route, open gate and gate log' })
  @RequireAbility('read', 'ApprovalRequest')
  approvalRequest(@requestId() id: string): Promise<RequestView> {
    return this.queries.execute(new ApprovalRequestDetail(id));
  }
}
