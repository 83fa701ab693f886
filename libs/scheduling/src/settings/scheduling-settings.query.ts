import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, RequestContext } from '@workbay/platform';
import { schedulingSettingsDecider, SchedulingSettingsState } from './settings.decider';
import { schedulingSettingsStreamCategory } from './settings.events';
import { SchedulingSettingsView } from './settings.dto';

/**
 * The tenant's settings from their stream (a handful of events; no read model to lag behind a
 * change): the defaults while never changed. Other scheduling parts ask this too.
 */
export class SchedulingSettingsOf extends Query<SchedulingSettingsView> {}

@QueryHandler(SchedulingSettingsOf)
export class SchedulingSettingsHandler implements IQueryHandler<SchedulingSettingsOf> {
  constructor(private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  async execute(): Promise<SchedulingSettingsView> {
    let state: SchedulingSettingsState = schedulingSettingsDecider.initialState();
    let version = 0;
    try {
      ({ state, version } = await this.aggregates.load(schedulingSettingsDecider, schedulingSettingsStreamCategory, this.context.tenantId));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return { ...state.settings, changedAt: state.changedAt, version };
  }
}
