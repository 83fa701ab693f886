import type { GateDecider, PolicyGate } from './policy.events';
import type { PolicyState, PolicyVersion } from './policy.decider';
import type { GateDeciderInput, PolicyGateInput, PolicyGateView, PolicyVersionView, PolicyView } from './policy.dto';

/** The edge's shape (a list of thresholds, one input type for role or user) to the domain's. */
export function gatesFromInput(gates: PolicyGateInput[]): PolicyGate[] {
  return (gates ?? []).map((g) => ({
    gateId: g.gateId,
    name: g.name,
    decider: deciderFromInput(g.decider),
    ...(g.requiredAbove?.length ? { requiredAboveMinor: Object.fromEntries(g.requiredAbove.map((t) => [t.currency, t.amountMinor])) } : {}),
    quorum: g.quorum ?? 1,
    deadlineHours: g.deadlineHours ?? null,
    escalateTo: g.escalateTo ? deciderFromInput(g.escalateTo) : null,
  }));
}

// Both or neither set is passed on as given, so the decider names the field in its 422.
const deciderFromInput = (d: GateDeciderInput | undefined): GateDecider => ({ ...(d?.role != null ? { role: d.role } : {}), ...(d?.userId != null ? { userId: d.userId } : {}) }) as GateDecider;

export function gateView(g: PolicyGate): PolicyGateView {
  return {
    gateId: g.gateId, name: g.name, decider: { ...g.decider },
    requiredAbove: Object.entries(g.requiredAboveMinor ?? {}).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    quorum: g.quorum, deadlineHours: g.deadlineHours, escalateTo: g.escalateTo ? { ...g.escalateTo } : null,
  };
}

export const versionView = (requestType: string, v: PolicyVersion): PolicyVersionView => ({
  requestType, version: v.version, gates: v.gates.map(gateView), publishedBy: v.publishedBy, publishedAt: v.publishedAt,
});

export function policyView(requestType: string, state: PolicyState): PolicyView {
  const current = state.versions.at(-1);
  return {
    requestType,
    current: current ? versionView(requestType, current) : null,
    versions: state.versions.map((v) => ({ version: v.version, gateCount: v.gates.length, publishedBy: v.publishedBy, publishedAt: v.publishedAt })),
  };
}
