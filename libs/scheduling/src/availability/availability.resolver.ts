import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { AVAILABILITY_GENERATIONS } from './availability-generations.projection';
import { AvailabilityReader } from './availability-reader';
import { AvailabilityArgs } from './availability.args';
import { AvailabilityView } from './availability.dto';

@Resolver()
export class AvailabilityResolver {
  constructor(private readonly reader: AvailabilityReader) {}

  @Query(() => AvailabilityView, { description: 'Free slots of a service at a location over local days (GET /scheduling/availability)', complexity: 5 })
  @RequireAbility('read', 'Availability')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(AVAILABILITY_GENERATIONS)
  availability(@Args() args: AvailabilityArgs): Promise<AvailabilityView> {
    return this.reader.read(args);
  }
}
