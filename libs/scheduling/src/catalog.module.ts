import { Module } from '@nestjs/common';
import { ShopLocations } from './catalog/location-reference';
import { AddScheduleExceptionHandler } from './resources/add-schedule-exception';
import { ChangeResourceSettingsHandler } from './resources/change-resource-settings';
import { ChangeResourceTimezoneHandler } from './resources/change-resource-timezone';
import { FollowLocationTimezoneHandler } from './resources/follow-location-timezone';
import { RegisterResourceHandler } from './resources/register-resource';
import { RemoveScheduleExceptionHandler } from './resources/remove-schedule-exception';
import { ResourceDetailHandler, ResourceDirectoryHandler } from './resources/resource-directory.queries';
import { ResourcesController } from './resources/resources.controller';
import { ResourcesResolver } from './resources/resources.resolver';
import { RetireResourceHandler } from './resources/retire-resource';
import { SetWorkingHoursHandler } from './resources/set-working-hours';
import { DefineServiceHandler } from './services/define-service';
import { ResourceFacts } from './services/known-resources';
import { RetireServiceHandler } from './services/retire-service';
import { ReviseServiceHandler } from './services/revise-service';
import { ServiceDetailHandler, ServiceDirectoryHandler } from './services/service-directory.queries';
import { ServicesController } from './services/services.controller';
import { ServicesResolver } from './services/services.resolver';
import { ChangeSchedulingSettingsHandler } from './settings/change-scheduling-settings';
import { SchedulingSettingsHandler } from './settings/scheduling-settings.query';
import { SchedulingSettingsController } from './settings/settings.controller';
import { SchedulingSettingsResolver } from './settings/settings.resolver';

/**
 * Scheduling's catalog: resources, services and the tenant's settings. The same module serves the
 * API and the worker (the location-timezone process dispatches to its handlers there).
 */
@Module({
  controllers: [ResourcesController, ServicesController, SchedulingSettingsController],
  providers: [
    ShopLocations, ResourceFacts,
    RegisterResourceHandler, ChangeResourceSettingsHandler, SetWorkingHoursHandler, AddScheduleExceptionHandler, RemoveScheduleExceptionHandler,
    RetireResourceHandler, ChangeResourceTimezoneHandler, FollowLocationTimezoneHandler, ResourceDirectoryHandler, ResourceDetailHandler, ResourcesResolver,
    DefineServiceHandler, ReviseServiceHandler, RetireServiceHandler, ServiceDirectoryHandler, ServiceDetailHandler, ServicesResolver,
    ChangeSchedulingSettingsHandler, SchedulingSettingsHandler, SchedulingSettingsResolver,
  ],
})
export class SchedulingCatalogModule {}
