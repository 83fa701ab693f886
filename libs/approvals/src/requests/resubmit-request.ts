import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError } from '@workbay/platform';
import { requestDecider } from './request.decider';
import { approvalRequestStreamCategory, Attachment, Money } from './request.events';
import { RequestReferences } from './request-references';

export interface ResubmitRequestInput {
  title?: string;
  amount?: Money;
  details?: string | null;
  attachments?: Attachment[];
}

/** The requester sends a returned request round again, from gate 1, routed on the policy version it was submitted under. */
export class ResubmitRequest extends Command<CommandResult> {
  constructor(readonly requestId: string, readonly input: ResubmitRequestInput) {
    super();
  }
}

@CommandHandler(ResubmitRequest)
export class ResubmitRequestHandler implements ICommandHandler<ResubmitRequest> {
  constructor(private readonly aggregates: AggregateStore, private readonly references: RequestReferences) {}

  async execute({ requestId, input }: ResubmitRequest): Promise<CommandResult> {
    return this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, async (state, { now, actor }) => {
      if (state.status === 'none') throw new NotFoundError('approval request', requestId);
      const policy = await this.references.policy(state.requestType, state.policyVersion);
      return { type: 'ResubmitRequest', ...input, gates: policy.gates, resubmittedAt: now, actor };
    });
  }
}
