import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import type { WeeklySpan } from '../shared/schedule.rules';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';
import { WorkingHoursInput } from './resource.dto';

/** Replaces a resource's week (working spans and breaks) in its location's local time. */
export class SetWorkingHours extends Command<CommandResult> {
  constructor(readonly resourceId: string, readonly input: WorkingHoursInput) {
    super();
  }
}

@CommandHandler(SetWorkingHours)
export class SetWorkingHoursHandler implements ICommandHandler<SetWorkingHours> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ resourceId, input }: SetWorkingHours): Promise<CommandResult> {
    const spans = (list: WorkingHoursInput['weeklyHours'] | undefined) => (list ?? []).map(({ day, start, end }) => ({ day, start, end }) as WeeklySpan);
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({
      type: 'SetWorkingHours',
      weeklyHours: spans(input.weeklyHours),
      breaks: spans(input.breaks),
      setAt: now,
      actor,
    }));
  }
}
