import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, IdOf, ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DefineService } from './define-service';
import { RetireService } from './retire-service';
import { ReviseService } from './revise-service';
import { ServiceDirectoryArgs } from './service-directory.args';
import { SERVICE_DIRECTORY } from './service-directory.projection';
import { ServiceDetail, ServiceDirectory } from './service-directory.queries';
import { DefineServiceInput, ServicePage, ServiceTermsInput, ServiceView } from './service.dto';

const serviceId = () => Args('id', { type: () => ID, description: 'the service' }, IdOf('service'));

@Resolver(() => ServiceView)
@RequireEntitlement({ feature: 'scheduling' })
export class ServicesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Defines a bookable service at a shop location' })
  @RequireAbility('create', 'Service')
  defineService(@Args('input', { description: 'the service' }) input: DefineServiceInput): Promise<CommandResultView> {
    return this.commands.execute(new DefineService(input));
  }

  @Mutation(() => CommandResultView, { description: "Replaces a service's terms (its location stays)" })
  @RequireAbility('update', 'Service')
  reviseService(@serviceId() id: string, @Args('input', { description: 'the new terms' }) input: ServiceTermsInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseService(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Retires a service: no longer bookable, its reservations stay' })
  @RequireAbility('update', 'Service')
  retireService(@serviceId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new RetireService(id));
  }

  @Query(() => ServicePage, { description: "The tenant's bookable services, newest first" })
  @RequireAbility('read', 'Service')
  @ReadsProjectionQuery(SERVICE_DIRECTORY)
  services(@Args() args: ServiceDirectoryArgs): Promise<ServicePage> {
    return this.queries.execute(new ServiceDirectory(args.first ?? 20, args.after, args.locationId, args.kind, args.status));
  }

  @Query(() => ServiceView, { description: 'One bookable service' })
  @RequireAbility('read', 'Service')
  @ReadsProjectionQuery(SERVICE_DIRECTORY)
  service(@serviceId() id: string): Promise<ServiceView> {
    return this.queries.execute(new ServiceDetail(id));
  }
}
