import { Migration0001SchedulingOccupancy } from './0001-scheduling-occupancy';
import { Migration0002SchedulingDirectory } from './0002-scheduling-directory';
import { Migration0003SchedulingAvailabilityGenerations } from './0003-scheduling-availability-generations';
import { Migration0004SchedulingOnlineBooking } from './0004-scheduling-online-booking';
import { Migration0005SchedulingCalendar } from './0005-scheduling-calendar';

/** Scheduling's migrations, in order (schema `scheduling`); they run after the kernel's and those of the contexts listed before scheduling. */
export const SCHEDULING_MIGRATIONS: Function[] = [
  Migration0001SchedulingOccupancy, Migration0002SchedulingDirectory, Migration0003SchedulingAvailabilityGenerations, Migration0004SchedulingOnlineBooking,
  Migration0005SchedulingCalendar,
];
