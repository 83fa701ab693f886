import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg, CommandResultView, IdOf } from '@workbay/platform';
import { ChangeLocationTax } from './change-location-tax';
import { SetLocationTaxId } from './set-location-tax-id';
import { CloseLocation } from './close-location';
import { LocationDirectoryArgs } from './location-directory.args';
import { LOCATION_DIRECTORY, LocationDetail, LocationDirectory } from './location-directory.queries';
import {
  ChangeLocationTaxInput, SetLocationTaxIdInput, CloseLocationInput, LocationPage, LocationView, OpenLocationInput, UpdateLocationInput,
} from './location.dto';
import { OpenLocation } from './open-location';
import { UpdateLocation } from './update-location';

const locationId = () => Args('id', { type: () => ID, description: 'the location' }, IdOf('location'));

@Resolver(() => LocationView)
export class LocationsResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Opens a shop location' })
  @RequireAbility('create', 'Location')
  openLocation(@Args('input', { description: 'the location' }) input: OpenLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new OpenLocation(input));
  }

  @Mutation(() => CommandResultView, { description: 'Renames a location or changes its address or time zone' })
  @RequireAbility('update', 'Location')
  updateLocation(@locationId() id: string, @Args('input', { description: 'the fields to change' }) input: UpdateLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new UpdateLocation(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Changes a location's tax jurisdiction (issued invoices keep theirs)" })
  @RequireAbility('update', 'Location')
  changeLocationTax(@locationId() id: string, @Args('input', { description: 'the new tax jurisdiction' }) input: ChangeLocationTaxInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeLocationTax(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Sets the location's own GSTIN or VAT id (the seller's on its invoices); null removes it" })
  @RequireAbility('update', 'Location')
  setLocationTaxId(@locationId() id: string, @Args('input', { description: 'the tax id' }) input: SetLocationTaxIdInput): Promise<CommandResultView> {
    return this.commands.execute(new SetLocationTaxId(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Closes a location (kept for its history)' })
  @RequireAbility('update', 'Location')
  closeLocation(@locationId() id: string, @Args('input', { description: 'why it closes' }) input: CloseLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new CloseLocation(id, input));
  }

  @Query(() => LocationPage, { description: "The tenant's shop locations, newest first" })
  @RequireAbility('read', 'Location')
  @ReadsProjectionQuery(LOCATION_DIRECTORY)
  locations(@Args() args: LocationDirectoryArgs): Promise<LocationPage> {
    return this.queries.execute(new LocationDirectory(args.first ?? 20, args.after, args.status));
  }

  @Query(() => LocationView, { description: 'One shop location' })
  @RequireAbility('read', 'Location')
  @ReadsProjectionQuery(LOCATION_DIRECTORY)
  location(@locationId() id: string, @AsOfArg() asOf?: string): Promise<LocationView> {
    return this.queries.execute(new LocationDetail(id, asOf));
  }
}
