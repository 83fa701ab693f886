import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ cannedJobId, input }: RetireCannedJob): Promise<CommandResult> {
    return this.aggregates.execute(cannedJobDecider, cannedJobStreamCategory, cannedJobId, (_, { now, actor }) => ({
      type: 'RetireCannedJob',
      reason: input?.reason ?? null,
      retiredAt: now,
      actor,
    }));
  }
}
