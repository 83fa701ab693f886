import { ContextManifest, statelessProcess } from '@workbay/platform';
import { AVAILABILITY_SOURCE_TABLES, availabilityGenerationsProjection } from './availability/availability-generations.projection';
import { calendarProjection } from './calendar/calendar.projection';
import { SCHEDULING_MIGRATIONS } from './migrations';
import { reservationReminders } from './reminders/reservation-reminders.process';
import { locationTimezoneProcess } from './resources/location-timezone.process';
import { resourceDirectoryProjection } from './resources/resource-directory.projection';
import { serviceDirectoryProjection } from './services/service-directory.projection';
import { holdExpiryProcess } from './reservations/hold-expiry.process';
import { occupancyProjection } from './reservations/occupancy.projection';
import { SCHEDULING_GRANTS } from './scheduling.grants';
import { SchedulingApiModule, SchedulingWorkerModule } from './scheduling.module';
import { appointmentUsage } from './usage/appointment-usage.process';

const entities: Function[] = [];
const projections: ContextManifest['projections'] = [resourceDirectoryProjection, serviceDirectoryProjection, occupancyProjection, calendarProjection];
const processes: ContextManifest['processes'] = [statelessProcess(locationTimezoneProcess), holdExpiryProcess, reservationReminders, statelessProcess(appointmentUsage)];
// Last, after the read models availability reads: it moves a tenant's generation only once they show the event.
const availabilitySources = projections.filter((p) => p.tables.some((t) => AVAILABILITY_SOURCE_TABLES.includes(t))).map((p) => p.name);
const allProjections: ContextManifest['projections'] = [...projections, availabilityGenerationsProjection(availabilitySources)];

/** Scheduling: resources, services, availability, reservations (never double-booked), online booking, reminders. */
export const SCHEDULING: ContextManifest = {
  name: 'scheduling',
  module: { api: SchedulingApiModule, worker: SchedulingWorkerModule },
  entities,
  projections: allProjections,
  processes,
  migrations: SCHEDULING_MIGRATIONS,
  grants: SCHEDULING_GRANTS,
  auditableRecords: [],
  entitlements: ['scheduling', 'online_booking'],
};
