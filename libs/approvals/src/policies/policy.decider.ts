/**
 * Approval policy aggregate, one per tenant and request type: a list of published versions. A
 * publish validates the whole gate list and appends version+1; nothing else changes a version,
 * so a request that copied its route from version v is never touched by v+1. Pure: the known
 * roles, the tenant's users named by the gates and the plan's gate limit arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, currencyCodeOf, PRICE_MINOR, readRequiredText } from '@workbay/platform/fields';
import { InvalidPolicy, PolicyAlreadySeeded, PolicyUserUnknown, PolicyVersionMismatch } from './policy.errors';
import type { ApprovalPolicyEvent, GateDecider, PolicyGate, RequestType } from './policy.events';
import { REQUEST_TYPES } from './policy.events';

/** The most gates any policy may have; a plan may allow fewer (checked before the command). */
export const MAX_GATES = 10;
export const MAX_QUORUM = 50;
/** A year: a longer deadline is a typo, not a policy. */
export const MAX_DEADLINE_HOURS = 24 * 366;
export const GATE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const POLICY_TEXT = { gateName: { max: 80 } } as const;

export interface PublishPolicyDecision {
  type: 'PublishPolicy';
  requestType: RequestType;
  gates: PolicyGate[];
  /** The seed at signup publishes only onto an empty policy. */
  seed: boolean;
  expectedVersion?: number;
  knownRoles: readonly string[];
  /** Users of this tenant among those the gates name (active ones); any other named id is a 422. */
  tenantUserIds: readonly string[];
  publishedAt: string;
  actor: string;
}

export type PolicyCommand = PublishPolicyDecision;

export interface PolicyVersion {
  version: number;
  gates: PolicyGate[];
  publishedBy: string;
  publishedAt: string;
}

export interface PolicyState {
  requestType: RequestType | null;
  /** Oldest first; `versions[v - 1]` is version v. */
  versions: PolicyVersion[];
}

const initialState = (): PolicyState => ({ requestType: null, versions: [] });

export const currentPolicy = (state: PolicyState): PolicyVersion | undefined => state.versions.at(-1);
export const policyVersion = (state: PolicyState, version: number): PolicyVersion | undefined => state.versions[version - 1];

export const isRequestType = (value: unknown): value is RequestType => typeof value === 'string' && (REQUEST_TYPES as readonly string[]).includes(value);

function checkDecider(decider: GateDecider | null | undefined, field: string, command: PublishPolicyDecision): GateDecider {
  const d = decider as { role?: unknown; userId?: unknown } | null | undefined;
  const hasRole = d?.role !== undefined && d?.role !== null;
  const hasUser = d?.userId !== undefined && d?.userId !== null;
  if (!d || hasRole === hasUser) throw new InvalidPolicy(field, 'must name exactly one of role or userId');
  if (hasRole) {
    if (typeof d.role !== 'string' || !command.knownRoles.includes(d.role)) {
      throw new InvalidPolicy(`${field}.role`, `must be one of ${command.knownRoles.join(', ')}`);
    }
    return { role: d.role };
  }
  if (typeof d.userId !== 'string' || !command.tenantUserIds.includes(d.userId)) throw new PolicyUserUnknown(`${field}.userId`, String(d.userId));
  return { userId: d.userId };
}

function checkThresholds(raw: Record<string, number> | undefined, field: string): Record<string, number> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const out: Record<string, number> = {};
  for (const [code, amount] of Object.entries(raw)) {
    const currency = currencyCodeOf(code);
    if (!currency || currency !== code) throw new InvalidPolicy(`${field}.${code}`, 'must be an ISO 4217 currency code such as INR or USD');
    const problem = amountMinorProblem(amount, PRICE_MINOR);
    if (problem) throw new InvalidPolicy(`${field}.${code}`, problem);
    out[currency] = amount;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The gates as they will be stored: validated and normalized (names trimmed, thresholds per known currency). */
export function checkedGates(command: PublishPolicyDecision): PolicyGate[] {
  const { gates } = command;
  if (!Array.isArray(gates) || gates.length < 1) throw new InvalidPolicy('gates', 'must have at least one gate');
  if (gates.length > MAX_GATES) throw new InvalidPolicy('gates', `must have at most ${MAX_GATES} gates`);
  const seen = new Set<string>();
  return gates.map((gate, i) => {
    const at = `gates[${i}]`;
    if (typeof gate.gateId !== 'string' || !GATE_ID_PATTERN.test(gate.gateId)) {
      throw new InvalidPolicy(`${at}.gateId`, 'must be 1 to 40 lower-case letters, digits or dashes');
    }
    if (seen.has(gate.gateId)) throw new InvalidPolicy(`${at}.gateId`, `${gate.gateId} is used by another gate`);
    seen.add(gate.gateId);
    const name = readRequiredText(gate.name, POLICY_TEXT.gateName);
    if (!name.ok) throw new InvalidPolicy(`${at}.name`, name.problem);
    if (!Number.isSafeInteger(gate.quorum) || gate.quorum < 1 || gate.quorum > MAX_QUORUM) {
      throw new InvalidPolicy(`${at}.quorum`, `must be a whole number from 1 to ${MAX_QUORUM}`);
    }
    const hours = gate.deadlineHours;
    if (hours !== null && (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_DEADLINE_HOURS)) {
      throw new InvalidPolicy(`${at}.deadlineHours`, `must be above 0 and at most ${MAX_DEADLINE_HOURS}, or null for no deadline`);
    }
    if ('userId' in (gate.decider ?? {}) && gate.quorum > 1) throw new InvalidPolicy(`${at}.quorum`, 'a gate of one named user has a quorum of 1');
    const requiredAboveMinor = checkThresholds(gate.requiredAboveMinor, `${at}.requiredAboveMinor`);
    return {
      gateId: gate.gateId,
      name: name.text,
      decider: checkDecider(gate.decider, `${at}.decider`, command),
      ...(requiredAboveMinor ? { requiredAboveMinor } : {}),
      quorum: gate.quorum,
      deadlineHours: hours,
      escalateTo: gate.escalateTo == null ? null : checkDecider(gate.escalateTo, `${at}.escalateTo`, command),
    };
  });
}

function decide(command: PolicyCommand, state: PolicyState): ApprovalPolicyEvent[] {
  switch (command.type) {
    case 'PublishPolicy': {
      const current = state.versions.length;
      if (command.seed && current > 0) throw new PolicyAlreadySeeded(command.requestType);
      if (command.expectedVersion !== undefined && command.expectedVersion !== current) throw new PolicyVersionMismatch(command.expectedVersion, current);
      const gates = checkedGates(command);
      return [{
        type: 'ApprovalPolicyPublished',
        data: { requestType: command.requestType, version: current + 1, gates, publishedBy: command.seed ? 'seed' : command.actor, publishedAt: command.publishedAt },
      }];
    }
    default: {
      const never: never = command.type;
      throw new Error(`unknown command ${never as string}`);
    }
  }
}

function evolve(state: PolicyState, event: ApprovalPolicyEvent): PolicyState {
  switch (event.type) {
    case 'ApprovalPolicyPublished': {
      const { requestType, version, gates, publishedBy, publishedAt } = event.data;
      return { requestType, versions: [...state.versions, { version, gates, publishedBy, publishedAt }] };
    }
    default:
      return state;
  }
}

export const policyDecider: Decider<PolicyState, PolicyCommand, ApprovalPolicyEvent> = { initialState, decide, evolve };
