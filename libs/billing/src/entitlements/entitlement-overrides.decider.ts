import type { Decider } from '@workbay/eventstore/core';
import { DomainError } from '@workbay/eventstore/core';
import type { EntitlementEvent, SoftQuotaPassed } from './entitlement.events';

/** Quota limits are whole units; `undefined` = no limit of that kind. */
export interface QuotaLimits {
  soft?: number;
  hard?: number;
}

export interface OverridesState {
  features: Partial<Record<string, boolean>>;
  quotas: Partial<Record<string, QuotaLimits>>;
}

/** The names an override may use: the catalog's features and meters, passed in so the decider stays pure. */
export interface KnownNames {
  features: readonly string[];
  meters: readonly string[];
}

export type OverrideCommand =
  | { type: 'OverrideFeature'; feature: string; enabled: boolean | null; known: KnownNames; at: string; actor: string }
  | { type: 'OverrideQuota'; meter: string; quota: QuotaLimits | null; known: KnownNames; at: string; actor: string };

export class UnknownFeature extends DomainError {
  readonly code = 'UNKNOWN_FEATURE';
  readonly field = 'feature';
  constructor(feature: string, known: readonly string[]) {
    super(`unknown feature ${JSON.stringify(feature)} (one of ${known.join(', ')})`);
  }
}

export class UnknownMeter extends DomainError {
  readonly code = 'UNKNOWN_METER';
  readonly field = 'meter';
  constructor(meter: string, known: readonly string[]) {
    super(`unknown meter ${JSON.stringify(meter)} (one of ${known.join(', ')})`);
  }
}

export class InvalidQuota extends DomainError {
  readonly code = 'INVALID_QUOTA';
  readonly field = 'quota';
  constructor(reason: string) {
    super(reason);
  }
}

const isLimit = (n: number | undefined) => n === undefined || (Number.isSafeInteger(n) && n >= 0);

export const entitlementOverridesDecider: Decider<OverridesState, OverrideCommand, EntitlementEvent> = {
  initialState: () => ({ features: {}, quotas: {} }),
  evolve(state, event) {
    switch (event.type) {
      case 'EntitlementOverridden': {
        const features = { ...state.features };
        if (event.data.enabled === null) delete features[event.data.feature];
        else features[event.data.feature] = event.data.enabled;
        return { ...state, features };
      }
      case 'QuotaOverridden': {
        const quotas = { ...state.quotas };
        if (event.data.quota === null) delete quotas[event.data.meter];
        else quotas[event.data.meter] = event.data.quota;
        return { ...state, quotas };
      }
      default:
        return state;
    }
  },
  decide(command, _state) {
    switch (command.type) {
      case 'OverrideFeature':
        if (!command.known.features.includes(command.feature)) throw new UnknownFeature(command.feature, command.known.features);
        return [{ type: 'EntitlementOverridden', data: { feature: command.feature, enabled: command.enabled, overriddenAt: command.at, actor: command.actor } }];
      case 'OverrideQuota': {
        if (!command.known.meters.includes(command.meter)) throw new UnknownMeter(command.meter, command.known.meters);
        const q = command.quota;
        if (q) {
          if (q.soft === undefined && q.hard === undefined) throw new InvalidQuota('a quota override needs soft or hard');
          if (!isLimit(q.soft) || !isLimit(q.hard)) throw new InvalidQuota('soft and hard must be non-negative integers');
          if (q.soft !== undefined && q.hard !== undefined && q.soft > q.hard) throw new InvalidQuota(`soft (${q.soft}) must not exceed hard (${q.hard})`);
        }
        const quota = q ? { ...(q.soft !== undefined ? { soft: q.soft } : {}), ...(q.hard !== undefined ? { hard: q.hard } : {}) } : null;
        return [{ type: 'QuotaOverridden', data: { meter: command.meter, quota, overriddenAt: command.at, actor: command.actor } }];
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${(unhandled as { type: string }).type}`);
      }
    }
  },
};

/** Soft-quota passings of one meter and period: recorded once. */
export type SoftQuotaState = { passed: boolean };
export type SoftQuotaCommand = { type: 'RecordSoftQuotaPassed'; meter: string; period: string; used: number; soft: number; hard: number | null; at: string };

export class SoftQuotaAlreadyPassed extends DomainError {
  readonly code = 'SOFT_QUOTA_ALREADY_PASSED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('the soft quota was already passed in this period');
  }
}

export const softQuotaDecider: Decider<SoftQuotaState, SoftQuotaCommand, SoftQuotaPassed> = {
  initialState: () => ({ passed: false }),
  evolve: (_state, event) => (event.type === 'SoftQuotaPassed' ? { passed: true } : _state),
  decide(command, state) {
    if (state.passed) throw new SoftQuotaAlreadyPassed();
    const { type: _type, at, ...data } = command;
    return [{ type: 'SoftQuotaPassed', data: { ...data, passedAt: at } }];
  },
};
