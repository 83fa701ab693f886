import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { ChangeSchedulingSettings } from './change-scheduling-settings';
import { SchedulingSettingsOf } from './scheduling-settings.query';
import { SchedulingSettingsInput, SchedulingSettingsView } from './settings.dto';

@Resolver(() => SchedulingSettingsView)
@RequireEntitlement({ feature: 'scheduling' })
export class SchedulingSettingsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Query(() => SchedulingSettingsView, { description: "The tenant's scheduling settings (the defaults until changed)" })
  @RequireAbility('read', 'SchedulingSettings')
  schedulingSettings(): Promise<SchedulingSettingsView> {
    return this.queries.execute(new SchedulingSettingsOf());
  }

  @Mutation(() => CommandResultView, { description: 'Changes the cancellation window, late-cancel fee, reminder offsets or hold TTL (omitted ones stay)' })
  @RequireAbility('update', 'SchedulingSettings')
  changeSchedulingSettings(@Args('input', { description: 'the settings to change' }) input: SchedulingSettingsInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeSchedulingSettings(input));
  }
}
