import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, IdOf, ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { AddScheduleException } from './add-schedule-exception';
import { ChangeResourceSettings } from './change-resource-settings';
import { RegisterResource } from './register-resource';
import { RemoveScheduleException } from './remove-schedule-exception';
import { ResourceDirectoryArgs } from './resource-directory.args';
import { RESOURCE_DIRECTORY } from './resource-directory.projection';
import { ResourceDetail, ResourceDirectory } from './resource-directory.queries';
import {
  RegisterResourceInput, ResourcePage, ResourceSettingsInput, ResourceView, ScheduleExceptionAddedView, ScheduleExceptionInput, WorkingHoursInput,
} from './resource.dto';
import { RetireResource } from './retire-resource';
import { SetWorkingHours } from './set-working-hours';

const resourceId = () => Args('id', { type: () => ID, description: 'the resource' }, IdOf('resource'));

@Resolver(() => ResourceView)
@RequireEntitlement({ feature: 'scheduling' })
export class ResourcesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: "Registers a bookable resource at a shop location (in the location's time zone)" })
  @RequireAbility('create', 'Resource')
  registerResource(@Args('input', { description: 'the resource' }) input: RegisterResourceInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterResource(input));
  }

  @Mutation(() => CommandResultView, { description: "Changes a resource's name, capacity, grid, buffers or rules (omitted fields stay)" })
  @RequireAbility('update', 'Resource')
  changeResourceSettings(@resourceId() id: string, @Args('input', { description: 'the fields to change' }) input: ResourceSettingsInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeResourceSettings(id, input));
  }

  @Mutation(() => CommandResultView, { description: "Replaces a resource's weekly working hours and breaks" })
  @RequireAbility('update', 'Resource')
  setWorkingHours(@resourceId() id: string, @Args('input', { description: 'the whole week' }) input: WorkingHoursInput): Promise<CommandResultView> {
    return this.commands.execute(new SetWorkingHours(id, input));
  }

  @Mutation(() => ScheduleExceptionAddedView, { description: 'Adds a dated exception: closed, time off or extra hours' })
  @RequireAbility('update', 'Resource')
  addScheduleException(@resourceId() id: string, @Args('input', { description: 'the exception' }) input: ScheduleExceptionInput): Promise<ScheduleExceptionAddedView> {
    return this.commands.execute(new AddScheduleException(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Removes a dated exception' })
  @RequireAbility('update', 'Resource')
  removeScheduleException(
    @resourceId() id: string,
    @Args('exceptionId', { type: () => ID, description: 'the exception' }, IdOf('schedule exception')) exceptionId: string,
  ): Promise<CommandResultView> {
    return this.commands.execute(new RemoveScheduleException(id, exceptionId));
  }

  @Mutation(() => CommandResultView, { description: 'Retires a resource: no longer bookable, its reservations stay' })
  @RequireAbility('update', 'Resource')
  retireResource(@resourceId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new RetireResource(id));
  }

  @Query(() => ResourcePage, { description: "The tenant's bookable resources, newest first" })
  @RequireAbility('read', 'Resource')
  @ReadsProjectionQuery(RESOURCE_DIRECTORY)
  resources(@Args() args: ResourceDirectoryArgs): Promise<ResourcePage> {
    return this.queries.execute(new ResourceDirectory(args.first ?? 20, args.after, args.locationId, args.kind, args.status));
  }

  @Query(() => ResourceView, { description: 'One bookable resource' })
  @RequireAbility('read', 'Resource')
  @ReadsProjectionQuery(RESOURCE_DIRECTORY)
  resource(@resourceId() id: string): Promise<ResourceView> {
    return this.queries.execute(new ResourceDetail(id));
  }
}
