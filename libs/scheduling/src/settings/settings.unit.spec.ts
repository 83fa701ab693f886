import { given } from '@workbay/eventstore/testing';
import { InvalidCatalogField } from '../catalog/catalog-fields.rules';
import { DEFAULT_SCHEDULING_SETTINGS } from '../shared/schedule.rules';
import { ChangeSchedulingSettings, schedulingSettingsDecider } from './settings.decider';
import type { SchedulingSettingsChanged } from './settings.events';

const AT = '2026-03-01T09:00:00.000Z';
const change = (c: Partial<ChangeSchedulingSettings>): ChangeSchedulingSettings => ({ type: 'ChangeSchedulingSettings', changedAt: AT, actor: 'u', ...c });

describe('Scheduling settings', () => {
  it('starts at the defaults: a 24 h window, no fee, reminders 24 h and 2 h before, 10-minute holds', () => {
    expect(given(schedulingSettingsDecider).state).toEqual({ settings: DEFAULT_SCHEDULING_SETTINGS, changedAt: null });
  });

  it('changes what is given, keeps the rest, and sorts reminders longest first', () => {
    const state = given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [30, 2880], lateCancelFee: { amountMinor: 50000, currency: 'inr' } })).then([{
      type: 'SchedulingSettingsChanged',
      data: { ...DEFAULT_SCHEDULING_SETTINGS, reminderOffsetsMinutes: [2880, 30], lateCancelFee: { amountMinor: 50000, currency: 'INR' }, changedAt: AT },
    }]);
    expect(state.changedAt).toBe(AT);
    const changed: SchedulingSettingsChanged = { type: 'SchedulingSettingsChanged', data: { ...state.settings, changedAt: AT } };
    const removed = given(schedulingSettingsDecider, [changed])
      .when(change({ lateCancelFee: null, holdTtlMinutes: 15 })).then([{
        type: 'SchedulingSettingsChanged', data: { ...state.settings, lateCancelFee: null, holdTtlMinutes: 15, changedAt: AT },
      }]);
    expect(removed.settings.lateCancelFee).toBeNull();
  });

  it('emits nothing when nothing changes', () => {
    given(schedulingSettingsDecider).when(change({ cancellationWindowHours: 24, reminderOffsetsMinutes: [120, 1440] })).then([]);
  });

  it('takes 1 to 10 distinct reminder offsets of 5 minutes to 30 days, naming the bad one', () => {
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [] })).thenThrows(InvalidCatalogField, { field: 'reminderOffsetsMinutes' });
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: Array.from({ length: 11 }, (_, i) => 10 + i) })).thenThrows(InvalidCatalogField, { field: 'reminderOffsetsMinutes' });
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [60, 4] })).thenThrows(InvalidCatalogField, { field: 'reminderOffsetsMinutes[1]' });
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [60, 43201] })).thenThrows(InvalidCatalogField, { field: 'reminderOffsetsMinutes[1]' });
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [60, 120, 60] })).thenThrows(InvalidCatalogField, { field: 'reminderOffsetsMinutes[2]' });
    given(schedulingSettingsDecider).when(change({ reminderOffsetsMinutes: [5, 43200] })).then([expect.objectContaining({ type: 'SchedulingSettingsChanged' }) as never]);
  });

  it('names a bad window, hold TTL or fee', () => {
    given(schedulingSettingsDecider).when(change({ cancellationWindowHours: -1 })).thenThrows(InvalidCatalogField, { field: 'cancellationWindowHours' });
    given(schedulingSettingsDecider).when(change({ holdTtlMinutes: 0 })).thenThrows(InvalidCatalogField, { field: 'holdTtlMinutes' });
    given(schedulingSettingsDecider).when(change({ lateCancelFee: { amountMinor: 0, currency: 'INR' } })).thenThrows(InvalidCatalogField, { field: 'lateCancelFee.amountMinor' });
    given(schedulingSettingsDecider).when(change({ lateCancelFee: { amountMinor: 100, currency: 'ZZZ' } })).thenThrows(InvalidCatalogField, { field: 'lateCancelFee.currency' });
  });
});
