import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { locationDecider, OpenLocation as OpenLocationCommand } from './location.decider';
import { locationStreamCategory } from './location.events';
import { OpenLocationInput, toTaxJurisdiction } from './location.dto';
import { LocationNames } from './location-names';

export class OpenLocation extends Command<CommandResult> {
  constructor(readonly input: OpenLocationInput) {
    super();
  }
}

@CommandHandler(OpenLocation)
export class OpenLocationHandler implements ICommandHandler<OpenLocation> {
  constructor(private readonly aggregates: AggregateStore, private readonly names: LocationNames) {}

  execute({ input }: OpenLocation): Promise<CommandResult> {
    const locationId = this.aggregates.newId(locationStreamCategory);
    return this.aggregates.execute(locationDecider, locationStreamCategory, locationId, async (state, { now, actor, version }) => {
      const command: OpenLocationCommand = {
        type: 'OpenLocation',
        locationId,
        name: input.name,
        address: { ...input.address, line2: input.address.line2 ?? null },
        timezone: input.timezone,
        taxJurisdiction: input.taxJurisdiction ? toTaxJurisdiction(input.taxJurisdiction) : null,
        openedAt: now,
        actor,
      };
      // Decide first (pure) so a refused command claims no name; then claim at the version read, which the append expects.
      const [opened] = locationDecider.decide(command, state);
      if (opened?.type === 'LocationOpened') await this.names.claim(opened.data.name, locationId, version, { now, actor });
      return command;
    });
  }
}
