/**
 * A tenant's scheduling settings: one stream per tenant, the defaults until first changed.
 * Pure: time and the actor arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, currencyCodeOf, PAYMENT_MINOR } from '@workbay/platform/fields';
import { DEFAULT_SCHEDULING_SETTINGS, SchedulingSettings } from '../shared/schedule.rules';
import { InvalidCatalogField, sameValue, wholeNumber } from '../catalog/catalog-fields.rules';
import type { SchedulingSettingsChanged } from './settings.events';

export const SETTINGS_LIMITS = {
  cancellationWindowHours: { min: 0, max: 24 * 30 },
  reminderOffsetMinutes: { min: 5, max: 30 * 24 * 60 },
  reminderOffsets: { min: 1, max: 10 },
  holdTtlMinutes: { min: 1, max: 24 * 60 },
} as const;

/** Each setting left out keeps its value; `lateCancelFee: null` removes the fee. */
export interface ChangeSchedulingSettings {
  type: 'ChangeSchedulingSettings';
  cancellationWindowHours?: number;
  lateCancelFee?: { amountMinor: number; currency: string } | null;
  reminderOffsetsMinutes?: number[];
  holdTtlMinutes?: number;
  changedAt: string;
  actor: string;
}

export type SchedulingSettingsCommand = ChangeSchedulingSettings;
export type SchedulingSettingsEvent = SchedulingSettingsChanged;
export interface SchedulingSettingsState {
  settings: SchedulingSettings;
  /** When last changed; null: never (the defaults). */
  changedAt: string | null;
}

function validFee(fee: unknown): SchedulingSettings['lateCancelFee'] {
  if (fee === null) return null;
  const f = fee as { amountMinor?: unknown; currency?: unknown };
  const problem = amountMinorProblem(f?.amountMinor, PAYMENT_MINOR);
  if (problem) throw new InvalidCatalogField('lateCancelFee.amountMinor', problem);
  const currency = currencyCodeOf(f.currency);
  if (!currency) throw new InvalidCatalogField('lateCancelFee.currency', `'${String(f.currency)}' is not an ISO 4217 currency code`);
  return { amountMinor: f.amountMinor as number, currency };
}

/** 1 to 10 distinct offsets, each 5 minutes to 30 days; kept longest first (the order reminders go out). */
function validOffsets(offsets: unknown): number[] {
  const { min, max } = SETTINGS_LIMITS.reminderOffsets;
  if (!Array.isArray(offsets) || offsets.length < min || offsets.length > max) throw new InvalidCatalogField('reminderOffsetsMinutes', `must list ${min} to ${max} offsets`);
  const valid = offsets.map((o, i) => wholeNumber(`reminderOffsetsMinutes[${i}]`, o, SETTINGS_LIMITS.reminderOffsetMinutes));
  const twice = valid.findIndex((o, i) => valid.indexOf(o) !== i);
  if (twice >= 0) throw new InvalidCatalogField(`reminderOffsetsMinutes[${twice}]`, `${valid[twice]} is listed twice`);
  return [...valid].sort((a, b) => b - a);
}

export const schedulingSettingsDecider: Decider<SchedulingSettingsState, SchedulingSettingsCommand, SchedulingSettingsEvent> = {
  initialState: () => ({ settings: DEFAULT_SCHEDULING_SETTINGS, changedAt: null }),

  decide(command, state) {
    switch (command.type) {
      case 'ChangeSchedulingSettings': {
        const current = state.settings;
        const next: SchedulingSettings = {
          cancellationWindowHours: command.cancellationWindowHours === undefined ? current.cancellationWindowHours
            : wholeNumber('cancellationWindowHours', command.cancellationWindowHours, SETTINGS_LIMITS.cancellationWindowHours),
          lateCancelFee: command.lateCancelFee === undefined ? current.lateCancelFee : validFee(command.lateCancelFee),
          reminderOffsetsMinutes: command.reminderOffsetsMinutes === undefined ? current.reminderOffsetsMinutes : validOffsets(command.reminderOffsetsMinutes),
          holdTtlMinutes: command.holdTtlMinutes === undefined ? current.holdTtlMinutes
            : wholeNumber('holdTtlMinutes', command.holdTtlMinutes, SETTINGS_LIMITS.holdTtlMinutes),
        };
        if (sameValue(next, current)) return [];
        return [{ type: 'SchedulingSettingsChanged', data: { ...next, changedAt: command.changedAt } }];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown scheduling settings command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SchedulingSettingsChanged': {
        const { changedAt, ...settings } = event.data;
        return { settings, changedAt };
      }
      default:
        return state;
    }
  },
};
