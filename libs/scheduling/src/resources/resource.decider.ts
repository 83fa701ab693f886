/**
 * Resource aggregate: something bookable at a shop location (a technician, a bay, a chair, a
 * class room with N seats), with its week, dated exceptions, grid, buffers and booking rules.
 * active -> retired. Its state is the shared fold (shared/schedule-fold.rules.ts) so the booking
 * boundary and availability read a resource exactly as this decider does. Pure: time, ids, the
 * actor and the location's time zone arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { evolveResource } from '../shared/schedule-fold.rules';
import type { BookingRules, ResourceKind, ResourceSchedule, ScheduleException, WeeklySpan } from '../shared/schedule.rules';
import { bookingRules, CATALOG_LIMITS, CATALOG_TEXT, requiredText, resourceKind, sameValue, wholeNumber } from '../catalog/catalog-fields.rules';
import type { ResourceEvent } from './resource.events';
import { ResourceAlreadyRegistered, ResourceIsRetired, ResourceNotFound, ScheduleExceptionExists, ScheduleExceptionNotFound } from './resource.errors';
import { validException, validWeek } from './working-hours.rules';

/** Name, capacity, grid, buffers and rules; each left out keeps its value (its default when registering). */
export interface ResourceSettingsDraft {
  name?: string;
  capacity?: number;
  slotMinutes?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  rules?: Partial<BookingRules>;
}

export interface RegisterResource extends ResourceSettingsDraft {
  type: 'RegisterResource';
  resourceId: string;
  locationId: string;
  kind: ResourceKind;
  name: string;
  /** The location's IANA zone, as the shop says it is now. */
  timezone: string;
  registeredAt: string;
  actor: string;
}

export interface ChangeResourceSettings extends ResourceSettingsDraft {
  type: 'ChangeResourceSettings';
  changedAt: string;
  actor: string;
}

export interface SetWorkingHours {
  type: 'SetWorkingHours';
  weeklyHours: WeeklySpan[];
  breaks?: WeeklySpan[];
  setAt: string;
  actor: string;
}

export interface AddScheduleException {
  type: 'AddScheduleException';
  exception: ScheduleException;
  addedAt: string;
  actor: string;
}

export interface RemoveScheduleException {
  type: 'RemoveScheduleException';
  exceptionId: string;
  removedAt: string;
  actor: string;
}

/** The resource follows its location's zone (location-timezone.process.ts). */
export interface ChangeResourceTimezone {
  type: 'ChangeResourceTimezone';
  timezone: string;
  changedAt: string;
  actor: string;
}

export interface RetireResource {
  type: 'RetireResource';
  retiredAt: string;
  actor: string;
}

export type ResourceCommand =
  | RegisterResource | ChangeResourceSettings | SetWorkingHours | AddScheduleException | RemoveScheduleException
  | ChangeResourceTimezone | RetireResource;

export type ResourceState = ResourceSchedule | null;

export const RESOURCE_DEFAULTS = { capacity: 1, slotMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 } as const;

type Settings = Pick<ResourceSchedule, 'name' | 'capacity' | 'slotMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'rules'>;

function validSettings(draft: ResourceSettingsDraft, base: Settings | null): Settings {
  const pick = <K extends keyof ResourceSettingsDraft>(key: K, fallback: NonNullable<ResourceSettingsDraft[K]>) => draft[key] ?? fallback;
  return {
    name: requiredText('name', pick('name', base?.name ?? ''), CATALOG_TEXT.name),
    capacity: wholeNumber('capacity', pick('capacity', base?.capacity ?? RESOURCE_DEFAULTS.capacity), CATALOG_LIMITS.capacity),
    slotMinutes: wholeNumber('slotMinutes', pick('slotMinutes', base?.slotMinutes ?? RESOURCE_DEFAULTS.slotMinutes), CATALOG_LIMITS.slotMinutes),
    bufferBeforeMinutes: wholeNumber('bufferBeforeMinutes', pick('bufferBeforeMinutes', base?.bufferBeforeMinutes ?? 0), CATALOG_LIMITS.bufferMinutes),
    bufferAfterMinutes: wholeNumber('bufferAfterMinutes', pick('bufferAfterMinutes', base?.bufferAfterMinutes ?? 0), CATALOG_LIMITS.bufferMinutes),
    rules: bookingRules('rules', draft.rules, base?.rules),
  };
}

function active(state: ResourceState, action: string): ResourceSchedule {
  if (!state) throw new ResourceNotFound();
  if (!state.active) throw new ResourceIsRetired(action);
  return state;
}

export const resourceDecider: Decider<ResourceState, ResourceCommand, ResourceEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RegisterResource': {
        if (state) throw new ResourceAlreadyRegistered();
        const kind = resourceKind('kind', command.kind);
        const settings = validSettings(command, null);
        const { resourceId, locationId, timezone, registeredAt } = command;
        return [{ type: 'ResourceRegistered', data: { resourceId, locationId, kind, timezone, ...settings, registeredAt } }];
      }
      case 'ChangeResourceSettings': {
        const current = active(state, 'changed');
        const settings = validSettings(command, current);
        const before: Settings = {
          name: current.name, capacity: current.capacity, slotMinutes: current.slotMinutes,
          bufferBeforeMinutes: current.bufferBeforeMinutes, bufferAfterMinutes: current.bufferAfterMinutes, rules: current.rules,
        };
        if (sameValue(settings, before)) return [];
        return [{ type: 'ResourceSettingsChanged', data: { resourceId: current.resourceId, ...settings, changedAt: command.changedAt } }];
      }
      case 'SetWorkingHours': {
        const current = active(state, 'given working hours');
        const week = validWeek(command.weeklyHours, command.breaks ?? []);
        if (sameValue(week, { weeklyHours: current.weeklyHours, breaks: current.breaks })) return [];
        return [{ type: 'WorkingHoursSet', data: { resourceId: current.resourceId, ...week, setAt: command.setAt } }];
      }
      case 'AddScheduleException': {
        const current = active(state, 'given an exception');
        if (current.exceptions.some((e) => e.exceptionId === command.exception.exceptionId)) throw new ScheduleExceptionExists(command.exception.exceptionId);
        const exception = validException(command.exception, current.exceptions);
        return [{ type: 'ScheduleExceptionAdded', data: { resourceId: current.resourceId, exception, addedAt: command.addedAt } }];
      }
      case 'RemoveScheduleException': {
        const current = active(state, 'changed');
        if (!current.exceptions.some((e) => e.exceptionId === command.exceptionId)) throw new ScheduleExceptionNotFound(command.exceptionId);
        return [{ type: 'ScheduleExceptionRemoved', data: { resourceId: current.resourceId, exceptionId: command.exceptionId, removedAt: command.removedAt } }];
      }
      case 'ChangeResourceTimezone': {
        // A retired resource follows too: its past reservations are read in its zone.
        if (!state) throw new ResourceNotFound();
        if (state.timezone === command.timezone) return [];
        return [{ type: 'ResourceTimezoneChanged', data: { resourceId: state.resourceId, timezone: command.timezone, changedAt: command.changedAt } }];
      }
      case 'RetireResource': {
        const current = active(state, 'retired');
        return [{ type: 'ResourceRetired', data: { resourceId: current.resourceId, retiredAt: command.retiredAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown resource command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve: evolveResource,
};
