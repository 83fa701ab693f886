import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@workbay/eventstore';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { SignalUsage, UsageAlreadySignalled, usageSignalDecider } from './usage-signal.decider';
import { usageSignalStreamCategory } from './usage-signal.events';

export type UsageToSignal = Omit<SignalUsage, 'type' | 'signalId'>;

/** Records one billable usage signal; sent by the usage-signals process manager, never by a client. */
export class SignalBillableUsage extends Command<CommandResult> {
  constructor(readonly usage: UsageToSignal) {
    super();
  }
}

@CommandHandler(SignalBillableUsage)
export class SignalBillableUsageHandler implements ICommandHandler<SignalBillableUsage> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ usage }: SignalBillableUsage): Promise<CommandResult> {
    // One signal per (source event, metric): its id follows from them, whoever asks and however often.
    const signalId = this.aggregates.derivedId(usageSignalStreamCategory, usage.source.eventId, usage.metric);
    try {
      // Nearly always the stream's first event: appended expecting it empty, with no read first
      // (issue #10). A redelivered source event finds it written: the append's conflict, then.
      return await this.aggregates.execute(usageSignalDecider, usageSignalStreamCategory, signalId, { type: 'SignalUsage', signalId, ...usage }, { expectedVersion: 0 });
    } catch (error) {
      if (!(error instanceof UsageAlreadySignalled) && !(error instanceof ConcurrencyError)) throw error;
      const { version } = await this.aggregates.load(usageSignalDecider, usageSignalStreamCategory, signalId);
      return { id: signalId, streamVersion: version, position: 0 };
    }
  }
}
