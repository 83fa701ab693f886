import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { requireRequestType } from '../policies/request-type';
import { requestDecider } from './request.decider';
import { approvalRequestStreamCategory, Attachment, Money, RequestLink } from './request.events';
import { RequestReferences } from './request-references';

export interface SubmitRequestInput {
  type: string;
  title: string;
  amount: Money;
  details?: string | null;
  attachments?: Attachment[];
  link?: RequestLink | null;
}

/** Submits a request: routed by the current version of its type's policy, which it keeps for good. */
export class SubmitRequest extends Command<CommandResult> {
  constructor(readonly input: SubmitRequestInput) {
    super();
  }
}

@CommandHandler(SubmitRequest)
export class SubmitRequestHandler implements ICommandHandler<SubmitRequest> {
  constructor(private readonly aggregates: AggregateStore, private readonly references: RequestReferences) {}

  async execute({ input }: SubmitRequest): Promise<CommandResult> {
    const requestType = requireRequestType(input.type);
    const link = input.link ?? null;
    const [policy] = await Promise.all([this.references.policy(requestType), this.references.requireLink(link)]);
    const requestId = this.aggregates.newId(approvalRequestStreamCategory);
    return this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, (_, { now, actor }) => ({
      type: 'SubmitRequest', requestId, requestType, title: input.title, amount: input.amount, details: input.details ?? null,
      attachments: input.attachments ?? [], link, policyVersion: policy.version, gates: policy.gates, followUp: null, submittedAt: now, actor,
    }));
  }
}
