import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { cannedJobDecider } from './canned-job.decider';
import { cannedJobStreamCategory } from './canned-job.events';
import { RetireCannedJobInput } from './canned-job.dto';

/** Takes a job out of the catalog for new quotes; it stays readable (status=retired). */
export class RetireCannedJob extends Command<CommandResult> {
  constructor(readonly cannedJobId: string, readonly input: RetireCannedJobInput = {}) {
    super();
  }
}

@CommandHandler(RetireCannedJob)
export class RetireCannedJobHandler implements ICommandHandler<RetireCannedJob> {
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ cannedJobId, input }: RetireCannedJob): Promise<CommandResult> {
    return this.aggregates.execute(cannedJobDecider, cannedJobStreamCategory, cannedJobId, {
      type: 'RetireCannedJob',
      reason: input?.reason ?? null,
      retiredAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }
}
