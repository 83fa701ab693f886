import { given } from '@workbay/eventstore/testing';
import { InvalidCatalogField } from '../catalog/catalog-fields.rules';
import { DEFAULT_BOOKING_RULES } from '../shared/schedule.rules';
import { RegisterResource, resourceDecider } from './resource.decider';
import { ResourceAlreadyRegistered, ResourceIsRetired, ResourceNotFound, ScheduleExceptionExists, ScheduleExceptionNotFound } from './resource.errors';
import type { ResourceEvent, ResourceRegistered, ScheduleExceptionAdded, WorkingHoursSet } from './resource.events';

const AT = '2026-03-01T09:00:00.000Z';
const register = (overrides: Partial<RegisterResource> = {}): RegisterResource => ({
  type: 'RegisterResource', resourceId: 'r-1', locationId: 'loc-1', kind: 'bay', name: ' Bay   2 ', timezone: 'Asia/Kolkata',
  registeredAt: AT, actor: 'user-1', ...overrides,
});
const registered: ResourceRegistered = {
  type: 'ResourceRegistered',
  data: {
    resourceId: 'r-1', locationId: 'loc-1', kind: 'bay', name: 'Bay 2', timezone: 'Asia/Kolkata', capacity: 1, slotMinutes: 15,
    bufferBeforeMinutes: 0, bufferAfterMinutes: 0, rules: DEFAULT_BOOKING_RULES, registeredAt: AT,
  },
};
const week: WorkingHoursSet = {
  type: 'WorkingHoursSet',
  data: {
    resourceId: 'r-1',
    weeklyHours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '14:00', end: '18:00' }, { day: 2, start: '09:00', end: '18:00' }],
    breaks: [{ day: 2, start: '12:30', end: '13:00' }],
    setAt: AT,
  },
};
const setHours = (weeklyHours: unknown[], breaks: unknown[] = []) =>
  ({ type: 'SetWorkingHours', weeklyHours, breaks, setAt: AT, actor: 'user-1' }) as never;
const exception = (e: Record<string, unknown>) => ({ type: 'AddScheduleException', exception: { exceptionId: 'x-1', ...e }, addedAt: AT, actor: 'user-1' }) as never;
const holiday: ScheduleExceptionAdded = {
  type: 'ScheduleExceptionAdded', data: { resourceId: 'r-1', exception: { exceptionId: 'x-1', date: '2026-12-25', kind: 'closed', reason: 'Christmas' }, addedAt: AT },
};

describe('Resource', () => {
  describe('registering', () => {
    it("registers an active resource in its location's zone with capacity 1, a 15-minute grid, no buffers and the default rules", () => {
      const state = given(resourceDecider).when(register()).then([registered]);
      expect(state).toMatchObject({ active: true, weeklyHours: [], breaks: [], exceptions: [], timezone: 'Asia/Kolkata' });
    });

    it('takes a class room of 12 seats with buffers and its own rules, a rule left out keeping its default', () => {
      given(resourceDecider).when(register({ kind: 'room', capacity: 12, bufferBeforeMinutes: 5, bufferAfterMinutes: 10, rules: { minNoticeMinutes: 120 } })).then([{
        ...registered,
        data: { ...registered.data, kind: 'room', capacity: 12, bufferBeforeMinutes: 5, bufferAfterMinutes: 10, rules: { ...DEFAULT_BOOKING_RULES, minNoticeMinutes: 120 } },
      }]);
    });

    it('names the bad field: an unknown kind, capacity 0, a 1-minute grid, a blank name', () => {
      given(resourceDecider).when(register({ kind: 'spaceship' as never })).thenThrows(InvalidCatalogField, { field: 'kind', kind: 'rule' });
      given(resourceDecider).when(register({ capacity: 0 })).thenThrows(InvalidCatalogField, { field: 'capacity' });
      given(resourceDecider).when(register({ slotMinutes: 1 })).thenThrows(InvalidCatalogField, { field: 'slotMinutes' });
      given(resourceDecider).when(register({ name: '  ' })).thenThrows(InvalidCatalogField, { field: 'name' });
      given(resourceDecider).when(register({ rules: { horizonDays: 0 } })).thenThrows(InvalidCatalogField, { field: 'rules.horizonDays' });
    });

    it('refuses to register the same resource twice (409)', () => {
      given(resourceDecider, [registered]).when(register()).thenThrows(ResourceAlreadyRegistered, { kind: 'conflict' });
    });
  });

  describe('working hours', () => {
    it('sets a split shift and a break inside a span, sorted by day and start', () => {
      given(resourceDecider, [registered]).when(setHours(
        [{ day: 2, start: '09:00', end: '18:00' }, { day: 1, start: '14:00', end: '18:00' }, { day: 1, start: '09:00', end: '13:00' }],
        [{ day: 2, start: '12:30', end: '13:00' }],
      )).then([week]);
    });

    it('emits nothing when the week is the same', () => {
      given(resourceDecider, [registered, week]).when(setHours(week.data.weeklyHours, week.data.breaks)).then([]);
    });

    it("refuses a time that is not 'HH:mm', 24:00 as a start, an end not after its start, naming the field", () => {
      const h = (span: object) => given(resourceDecider, [registered]).when(setHours([{ day: 1, start: '09:00', end: '12:00' }, { day: 3, ...span }]));
      h({ start: '9:00', end: '12:00' }).thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].start' });
      h({ start: '09:00', end: '25:00' }).thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].end' });
      h({ start: '24:00', end: '24:00' }).thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].start' });
      h({ start: '12:00', end: '12:00' }).thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].end', message: /after the start/ });
      h({ day: 8, start: '09:00', end: '10:00' }).thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].day' });
    });

    it('accepts an end at 24:00', () => {
      given(resourceDecider, [registered]).when(setHours([{ day: 5, start: '18:00', end: '24:00' }])).then([{
        type: 'WorkingHoursSet', data: { resourceId: 'r-1', weeklyHours: [{ day: 5, start: '18:00', end: '24:00' }], breaks: [], setAt: AT },
      }]);
    });

    it('refuses overlapping spans of one day, but not touching ones or the same hours on another day', () => {
      given(resourceDecider, [registered]).when(setHours([{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '15:00' }]))
        .thenThrows(InvalidCatalogField, { field: 'weeklyHours[1].start', message: /overlaps 09:00-13:00/ });
      given(resourceDecider, [registered]).when(setHours([{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '13:00', end: '15:00' }, { day: 2, start: '09:00', end: '13:00' }]))
        .then([expect.objectContaining({ type: 'WorkingHoursSet' }) as never]);
    });

    it('refuses a break outside every working span of its day, naming it', () => {
      given(resourceDecider, [registered]).when(setHours([{ day: 1, start: '09:00', end: '13:00' }], [{ day: 1, start: '12:30', end: '13:30' }]))
        .thenThrows(InvalidCatalogField, { field: 'breaks[0]', message: /not inside a working span/ });
      given(resourceDecider, [registered]).when(setHours([{ day: 1, start: '09:00', end: '13:00' }], [{ day: 2, start: '10:00', end: '10:30' }]))
        .thenThrows(InvalidCatalogField, { field: 'breaks[0]' });
    });
  });

  describe('exceptions', () => {
    it('adds a holiday, then time off and extra hours on other dates, and removes one', () => {
      const state = given(resourceDecider, [registered]).when(exception({ date: '2026-12-25', kind: 'closed', reason: 'Christmas' })).then([holiday]);
      expect(state?.exceptions).toEqual([holiday.data.exception]);
      given(resourceDecider, [registered, holiday]).when(exception({ exceptionId: 'x-2', date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } }))
        .then([{ type: 'ScheduleExceptionAdded', data: { resourceId: 'r-1', exception: { exceptionId: 'x-2', date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } }, addedAt: AT } }]);
      const after = given(resourceDecider, [registered, holiday]).when({ type: 'RemoveScheduleException', exceptionId: 'x-1', removedAt: AT, actor: 'u' })
        .then([{ type: 'ScheduleExceptionRemoved', data: { resourceId: 'r-1', exceptionId: 'x-1', removedAt: AT } }]);
      expect(after?.exceptions).toEqual([]);
    });

    it('keeps the span rules: closed has none, extra hours need one, spans of a date do not overlap, a closed date takes nothing else', () => {
      const on = (e: Record<string, unknown>, history: ResourceEvent[] = [registered]) => given(resourceDecider, history).when(exception({ exceptionId: 'x-2', ...e }));
      on({ date: '2026-12-25', kind: 'closed', span: { start: '09:00', end: '10:00' } }).thenThrows(InvalidCatalogField, { field: 'span' });
      on({ date: '2026-12-25', kind: 'extra_hours' }).thenThrows(InvalidCatalogField, { field: 'span' });
      on({ date: '2026-12-25', kind: 'time_off', span: { start: '10:00', end: '09:00' } }).thenThrows(InvalidCatalogField, { field: 'span.end' });
      on({ date: '2026-02-30', kind: 'closed' }).thenThrows(InvalidCatalogField, { field: 'date' });
      on({ date: '2026-12-25', kind: 'vacation' }).thenThrows(InvalidCatalogField, { field: 'kind' });
      on({ date: '2026-12-25', kind: 'time_off', span: { start: '09:00', end: '10:00' } }, [registered, holiday]).thenThrows(InvalidCatalogField, { field: 'date', message: /already closed/ });
      const morningOff: ScheduleExceptionAdded = { type: 'ScheduleExceptionAdded', data: { resourceId: 'r-1', exception: { exceptionId: 'x-3', date: '2026-06-01', kind: 'time_off', span: { start: '09:00', end: '11:00' } }, addedAt: AT } };
      on({ date: '2026-06-01', kind: 'extra_hours', span: { start: '10:30', end: '12:00' } }, [registered, morningOff]).thenThrows(InvalidCatalogField, { field: 'span.start' });
      on({ date: '2026-06-01', kind: 'closed' }, [registered, morningOff]).thenThrows(InvalidCatalogField, { field: 'date' });
    });

    it('refuses an exception id twice (409) and removing one that does not exist (404)', () => {
      given(resourceDecider, [registered, holiday]).when(exception({ date: '2026-12-26', kind: 'closed' })).thenThrows(ScheduleExceptionExists, { kind: 'conflict' });
      given(resourceDecider, [registered]).when({ type: 'RemoveScheduleException', exceptionId: 'x-9', removedAt: AT, actor: 'u' }).thenThrows(ScheduleExceptionNotFound, { kind: 'not-found' });
    });
  });

  describe('settings, time zone, retirement', () => {
    it('changes only what is given and emits nothing for the same settings', () => {
      given(resourceDecider, [registered]).when({ type: 'ChangeResourceSettings', capacity: 3, changedAt: AT, actor: 'u' }).then([{
        type: 'ResourceSettingsChanged',
        data: { resourceId: 'r-1', name: 'Bay 2', capacity: 3, slotMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, rules: DEFAULT_BOOKING_RULES, changedAt: AT },
      }]);
      given(resourceDecider, [registered]).when({ type: 'ChangeResourceSettings', name: 'Bay 2', changedAt: AT, actor: 'u' }).then([]);
    });

    it("follows its location's zone, once", () => {
      const state = given(resourceDecider, [registered]).when({ type: 'ChangeResourceTimezone', timezone: 'Europe/Berlin', changedAt: AT, actor: 'system:x' })
        .then([{ type: 'ResourceTimezoneChanged', data: { resourceId: 'r-1', timezone: 'Europe/Berlin', changedAt: AT } }]);
      expect(state?.timezone).toBe('Europe/Berlin');
      given(resourceDecider, [registered]).when({ type: 'ChangeResourceTimezone', timezone: 'Asia/Kolkata', changedAt: AT, actor: 'system:x' }).then([]);
    });

    it('retires once; a retired resource takes no more changes (409), an unknown one is 404', () => {
      const retired = given(resourceDecider, [registered]).when({ type: 'RetireResource', retiredAt: AT, actor: 'u' })
        .then([{ type: 'ResourceRetired', data: { resourceId: 'r-1', retiredAt: AT } }]);
      expect(retired?.active).toBe(false);
      const history = [registered, { type: 'ResourceRetired', data: { resourceId: 'r-1', retiredAt: AT } } as const];
      given(resourceDecider, history).when({ type: 'RetireResource', retiredAt: AT, actor: 'u' }).thenThrows(ResourceIsRetired, { kind: 'conflict' });
      given(resourceDecider, history).when(setHours([])).thenThrows(ResourceIsRetired);
      given(resourceDecider).when(setHours([])).thenThrows(ResourceNotFound, { kind: 'not-found' });
    });
  });
});
