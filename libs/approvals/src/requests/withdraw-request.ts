import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError } from '@workbay/platform';
import { requestDecider } from './request.decider';
import { approvalRequestStreamCategory } from './request.events';

/** The requester takes back a request that is not completed. */
export class WithdrawRequest extends Command<CommandResult> {
  constructor(readonly requestId: string, readonly input: { reason?: string | null }) {
    super();
  }
}

@CommandHandler(WithdrawRequest)
export class WithdrawRequestHandler implements ICommandHandler<WithdrawRequest> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ requestId, input }: WithdrawRequest): Promise<CommandResult> {
    return this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, (state, { now, actor }) => {
      if (state.status === 'none') throw new NotFoundError('approval request', requestId);
      return { type: 'WithdrawRequest', reason: input.reason, withdrawnAt: now, actor };
    });
  }
}
