/** Facts about a bookable resource. Stream: `${tenantId}.resource-${resourceId}`; the actor is in the metadata. */
import type { BookingRules, ResourceKind, ScheduleException, WeeklySpan } from '../shared/schedule.rules';

export const resourceStreamCategory = 'resource' as const;

export interface ResourceRegistered {
  type: 'ResourceRegistered';
  data: {
    resourceId: string;
    locationId: string;
    kind: ResourceKind;
    name: string;
    /** The location's IANA zone when registered; follows the location (ResourceTimezoneChanged). */
    timezone: string;
    capacity: number;
    slotMinutes: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    rules: BookingRules;
    registeredAt: string;
  };
}

/** Name, capacity, grid, buffers and rules after the change (all of them), not a diff. */
export interface ResourceSettingsChanged {
  type: 'ResourceSettingsChanged';
  data: {
    resourceId: string;
    name: string;
    capacity: number;
    slotMinutes: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    rules: BookingRules;
    changedAt: string;
  };
}

/** The whole week after the change: working spans and breaks. */
export interface WorkingHoursSet {
  type: 'WorkingHoursSet';
  data: { resourceId: string; weeklyHours: WeeklySpan[]; breaks: WeeklySpan[]; setAt: string };
}

export interface ScheduleExceptionAdded {
  type: 'ScheduleExceptionAdded';
  data: { resourceId: string; exception: ScheduleException; addedAt: string };
}

export interface ScheduleExceptionRemoved {
  type: 'ScheduleExceptionRemoved';
  data: { resourceId: string; exceptionId: string; removedAt: string };
}

export interface ResourceTimezoneChanged {
  type: 'ResourceTimezoneChanged';
  data: { resourceId: string; timezone: string; changedAt: string };
}

/** No longer bookable; its existing reservations stay as they are. */
export interface ResourceRetired {
  type: 'ResourceRetired';
  data: { resourceId: string; retiredAt: string };
}

export type ResourceEvent =
  | ResourceRegistered | ResourceSettingsChanged | WorkingHoursSet | ScheduleExceptionAdded
  | ScheduleExceptionRemoved | ResourceTimezoneChanged | ResourceRetired;

export const RESOURCE_EVENT_TYPES: readonly ResourceEvent['type'][] = [
  'ResourceRegistered', 'ResourceSettingsChanged', 'WorkingHoursSet', 'ScheduleExceptionAdded',
  'ScheduleExceptionRemoved', 'ResourceTimezoneChanged', 'ResourceRetired',
];
