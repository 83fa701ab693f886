import type { ContextGrants } from '@workbay/platform';

/** Scheduling's CASL subjects; each part adds its own. */
export type SchedulingSubject = 'Resource' | 'Service' | 'Reservation' | 'Availability' | 'SchedulingSettings' | 'SchedulingReport';

/** What each role may do with scheduling's subjects (owners and admins manage all: the kernel's grant). */
export const SCHEDULING_GRANTS: ContextGrants<SchedulingSubject> = {
  roles: {
    manager: (can) => {
      can(['create', 'read', 'update'], ['Resource', 'Service']);
      can(['create', 'read', 'update', 'reserve', 'cancel', 'check_in', 'complete'], 'Reservation');
      can('read', ['Availability', 'SchedulingReport', 'SchedulingSettings']);
      // Managers run the calendar day to day: its cancellation window, fee, reminders and hold TTL.
      can('update', 'SchedulingSettings');
    },
    service_advisor: (can) => {
      can('read', ['Resource', 'Service', 'Availability']);
      can(['create', 'read', 'update', 'reserve', 'cancel', 'check_in', 'complete'], 'Reservation');
    },
    front_desk: (can) => {
      can('read', ['Resource', 'Service', 'Availability']);
      can(['create', 'read', 'update', 'reserve', 'cancel', 'check_in'], 'Reservation');
    },
    technician: (can) => {
      can('read', ['Resource', 'Service', 'Availability', 'Reservation']);
      can('complete', 'Reservation');
    },
    auditor: (can) => can('read', ['Resource', 'Service', 'Availability', 'Reservation', 'SchedulingReport', 'SchedulingSettings']),
  },
};
