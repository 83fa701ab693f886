import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, IdGenerator, RequestContext } from '@workbay/platform';
import type { ScheduleExceptionKind } from '../shared/schedule.rules';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';
import { ScheduleExceptionAddedView, ScheduleExceptionInput } from './resource.dto';

export class AddScheduleException extends Command<ScheduleExceptionAddedView> {
  constructor(readonly resourceId: string, readonly input: ScheduleExceptionInput) {
    super();
  }
}

/** A holiday, time off or extra hours on one local date of a resource. */
@CommandHandler(AddScheduleException)
export class AddScheduleExceptionHandler implements ICommandHandler<AddScheduleException> {
  constructor(private readonly aggregates: AggregateStore, private readonly ids: IdGenerator, private readonly context: RequestContext) {}

  async execute({ resourceId, input }: AddScheduleException): Promise<ScheduleExceptionAddedView> {
    // Under an Idempotency-Key the id follows from it, so a retry names the exception it added.
    const key = this.context.idempotencyKey;
    const exceptionId = key ? this.aggregates.derivedId('schedule-exception', resourceId, key) : this.ids.next();
    const result = await this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({
      type: 'AddScheduleException',
      exception: {
        exceptionId,
        date: input.date,
        kind: input.kind as ScheduleExceptionKind,
        ...(input.span ? { span: { start: input.span.start, end: input.span.end } } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      addedAt: now,
      actor,
    }));
    return { ...result, exceptionId };
  }
}
