/**
 * Which of a policy version's gates a request goes through: pure, shared by submission and
 * resubmission (which re-evaluates on the same version), so both route alike.
 */
import type { PolicyGate } from './policy.events';
import type { RoutedGate } from '../requests/request.events';

export type Routing = { ok: true; route: RoutedGate[] } | { ok: false; gateId: string };

/**
 * The gates that apply to `amountMinor` in `currency`, in policy order: a gate without thresholds
 * always applies; one with thresholds applies above its amount in the request's currency; one
 * whose thresholds name other currencies only cannot say, so the request is refused (`gateId`).
 */
export function routeFor(gates: readonly PolicyGate[], amountMinor: number, currency: string): Routing {
  const route: RoutedGate[] = [];
  for (const gate of gates) {
    const thresholds = gate.requiredAboveMinor;
    if (thresholds && Object.keys(thresholds).length > 0) {
      const above = thresholds[currency];
      if (above === undefined) return { ok: false, gateId: gate.gateId };
      if (amountMinor <= above) continue;
    }
    route.push({
      gateIndex: route.length, gateId: gate.gateId, name: gate.name, decider: gate.decider,
      quorum: gate.quorum, deadlineHours: gate.deadlineHours, escalateTo: gate.escalateTo,
    });
  }
  return { ok: true, route };
}

/** The same decider, whichever way it names it. */
export function sameDecider(a: { role: string } | { userId: string }, b: { role: string } | { userId: string }): boolean {
  return 'role' in a ? 'role' in b && a.role === b.role : 'userId' in b && a.userId === b.userId;
}
