import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, CommandStamp } from '@workbay/platform';
import { locationDecider, OpenLocation as OpenLocationCommand } from './location.decider';
import { locationStreamCategory } from './location.events';
import { OpenLocationInput, toTaxJurisdiction } from './location.dto';
import { LocationNames } from './location-names';
import { LocationSeats } from './location-seats';

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
    private readonly seats: LocationSeats,
  ) {}

  async execute({ input }: OpenLocation): Promise<CommandResult> {
    const locationId = this.aggregates.newId(locationStreamCategory);
    let seated: CommandStamp | null = null;
    try {
      return await this.aggregates.execute(locationDecider, locationStreamCategory, locationId, async (state, { now, actor, version }) => {
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
        // Decide first (pure) so a refused command claims nothing; then the plan's seat (403 before
        // a name is held), then the name, both at the version read, which the append expects.
        const [opened] = locationDecider.decide(command, state);
        if (opened?.type === 'LocationOpened') {
          if (await this.seats.take(locationId, version, { now, actor })) seated = { now, actor };
          await this.names.claim(opened.data.name, locationId, version, { now, actor });
        }
        return command;
      });
    } catch (error) {
      // The opening failed after taking the seat (name taken, fenced): free it now, not after the grace.
      if (seated) await this.seats.giveBack(locationId, seated);
      throw error;
    }
  }
}
