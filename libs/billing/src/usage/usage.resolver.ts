import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AcceptsApiKey, RequireAbility } from '@workbay/platform';
import { MAX_USAGE_BATCH, RecordUsage, singleResult, UsageBatchResult, UsageItemResult } from './record-usage';
import { UsageBatchResultView, UsageEventInput, UsageItemResultView } from './usage.dto';

@Resolver()
export class UsageResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => UsageItemResultView, { description: 'Records one usage event; its id is the dedupe key (a repeat answers duplicate)' })
  @RequireAbility('create', 'Usage')
  @AcceptsApiKey('usage:write')
  async recordUsage(@Args('event', { description: 'the usage event' }) event: UsageEventInput): Promise<UsageItemResult> {
    return singleResult(await this.commands.execute(new RecordUsage([event], 'json')));
  }

  @Mutation(() => UsageBatchResultView, { description: `Records up to ${MAX_USAGE_BATCH} usage events, each accepted, duplicate or rejected on its own` })
  @RequireAbility('create', 'Usage')
  @AcceptsApiKey('usage:write')
  recordUsageBatch(@Args('events', { type: () => [UsageEventInput], description: `up to ${MAX_USAGE_BATCH} usage events` }) events: UsageEventInput[]): Promise<UsageBatchResult> {
    return this.commands.execute(new RecordUsage(events, 'json'));
  }
}
