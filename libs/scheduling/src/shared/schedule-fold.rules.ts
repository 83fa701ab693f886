/**
 * A resource's and a service's streams folded into what a decision needs. One fold, used by the
 * deciders, the booking boundary and the directory projections alike, so they never disagree.
 */
import type { ResourceEvent } from '../resources/resource.events';
import type { ServiceEvent } from '../services/service.events';
import type { ResourceSchedule, ServiceDefinition } from './schedule.rules';

export function evolveResource(state: ResourceSchedule | null, event: ResourceEvent): ResourceSchedule | null {
  switch (event.type) {
    case 'ResourceRegistered': {
      const { registeredAt: _at, ...d } = event.data;
      return { ...d, weeklyHours: [], breaks: [], exceptions: [], active: true };
    }
    case 'ResourceSettingsChanged': {
      if (!state) return state;
      const { changedAt: _at, resourceId: _id, ...d } = event.data;
      return { ...state, ...d };
    }
    case 'WorkingHoursSet':
      return state && { ...state, weeklyHours: event.data.weeklyHours, breaks: event.data.breaks };
    case 'ScheduleExceptionAdded':
      return state && { ...state, exceptions: [...state.exceptions.filter((e) => e.exceptionId !== event.data.exception.exceptionId), event.data.exception] };
    case 'ScheduleExceptionRemoved':
      return state && { ...state, exceptions: state.exceptions.filter((e) => e.exceptionId !== event.data.exceptionId) };
    case 'ResourceTimezoneChanged':
      return state && { ...state, timezone: event.data.timezone };
    case 'ResourceRetired':
      return state && { ...state, active: false };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldResource = (events: readonly ResourceEvent[]): ResourceSchedule | null => events.reduce(evolveResource, null);

export function evolveService(state: ServiceDefinition | null, event: ServiceEvent): ServiceDefinition | null {
  switch (event.type) {
    case 'ServiceDefined': {
      const { definedAt: _at, ...d } = event.data;
      return { ...d, active: true };
    }
    case 'ServiceRevised': {
      if (!state) return state;
      const { revisedAt: _at, ...d } = event.data;
      return { ...d, active: state.active };
    }
    case 'ServiceRetired':
      return state && { ...state, active: false };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldService = (events: readonly ServiceEvent[]): ServiceDefinition | null => events.reduce(evolveService, null);
