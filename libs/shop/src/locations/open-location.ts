import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { locationDecider, OpenLocation as OpenLocationCommand } from './location.decider';
import { locationStreamCategory } from './location.events';
import { OpenLocationInput, toTaxJurisdiction } from './location.dto';
import { currentLocation, LocationNames } from './location-names';

export class OpenLocation extends Command<CommandResult> {
  constructor(readonly input: OpenLocationInput) {
    super();
  }
}

@CommandHandler(OpenLocation)
export class OpenLocationHandler implements ICommandHandler<OpenLocation> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly names: LocationNames,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async execute({ input }: OpenLocation): Promise<CommandResult> {
    const locationId = this.aggregates.newId(locationStreamCategory);
    const command: OpenLocationCommand = {
      type: 'OpenLocation',
      locationId,
      name: input.name,
      address: { ...input.address, line2: input.address.line2 ?? null },
      timezone: input.timezone,
      taxJurisdiction: input.taxJurisdiction ? toTaxJurisdiction(input.taxJurisdiction) : null,
      openedAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    };
    // Decide first (pure) so a refused command claims no name; then claim; then append at that version.
    const { state, version } = await currentLocation(this.aggregates, locationId);
    const [opened] = locationDecider.decide(command, state);
    if (opened?.type === 'LocationOpened') await this.names.claim(opened.data.name, locationId, version);
    return this.aggregates.execute(locationDecider, locationStreamCategory, locationId, command, { expectedVersion: version });
  }
}
