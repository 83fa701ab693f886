import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, RequestContext } from '@workbay/platform';
import { schedulingSettingsDecider } from './settings.decider';
import { schedulingSettingsStreamCategory } from './settings.events';
import { SchedulingSettingsInput } from './settings.dto';

/** Changes the tenant's cancellation window, late-cancel fee, reminder offsets or hold TTL (omitted ones stay). */
export class ChangeSchedulingSettings extends Command<CommandResult> {
  constructor(readonly input: SchedulingSettingsInput) {
    super();
  }
}

@CommandHandler(ChangeSchedulingSettings)
export class ChangeSchedulingSettingsHandler implements ICommandHandler<ChangeSchedulingSettings> {
  constructor(private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  execute({ input }: ChangeSchedulingSettings): Promise<CommandResult> {
    // One stream per tenant, named by the tenant: never an id from the request.
    return this.aggregates.execute(schedulingSettingsDecider, schedulingSettingsStreamCategory, this.context.tenantId, (_, { now, actor }) => ({
      type: 'ChangeSchedulingSettings',
      cancellationWindowHours: input.cancellationWindowHours,
      lateCancelFee: input.lateCancelFee === undefined ? undefined : input.lateCancelFee && { ...input.lateCancelFee },
      reminderOffsetsMinutes: input.reminderOffsetsMinutes,
      holdTtlMinutes: input.holdTtlMinutes,
      changedAt: now,
      actor,
    }));
  }
}
