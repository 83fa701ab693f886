/**
 * The policy every request type starts with at signup (an owner or admin edits it later), in
 * the tenant's currency: amounts are whole units of it (1,000 and 10,000), converted to minor
 * units by the currency's own exponent, so a JPY shop's 1,000 is 1,000 yen, not 10.
 */
import { minorUnitExponent } from '@workbay/platform/fields';
import type { GateDecider, PolicyGate, RequestType } from './policy.events';

const role = (name: string): GateDecider => ({ role: name });

function gate(gateId: string, name: string, decider: GateDecider, above?: number, deadlineHours: number | null = 48): Omit<PolicyGate, 'requiredAboveMinor'> & { above?: number } {
  return { gateId, name, decider, quorum: 1, deadlineHours, escalateTo: null, ...(above !== undefined ? { above } : {}) };
}

const MANAGER = gate('manager', 'Manager', role('manager'), undefined, 24);
const LOW = 1_000;
const HIGH = 10_000;

const TEMPLATES: Record<RequestType, ReturnType<typeof gate>[]> = {
  // The example: Manager always; + Revenue Assurance above 1,000; + CEO and Owner above 10,000.
  purchase: [
    MANAGER,
    gate('revenue-assurance', 'Revenue Assurance', role('revenue_assurance'), LOW),
    gate('ceo', 'CEO', role('ceo'), HIGH),
    gate('owner', 'Owner', role('owner'), HIGH),
  ],
  payment: [MANAGER, gate('finance', 'Finance', role('finance'), LOW), gate('owner', 'Owner', role('owner'), HIGH)],
  asset: [MANAGER, gate('finance', 'Finance', role('finance'), LOW), gate('owner', 'Owner', role('owner'), HIGH)],
  discount: [MANAGER, gate('revenue-assurance', 'Revenue Assurance', role('revenue_assurance'), LOW)],
  leave: [MANAGER],
  subscription: [MANAGER, gate('finance', 'Finance', role('finance'), LOW)],
};

/** The default gates of `requestType` for a shop whose currency is `currency`. */
export function defaultGates(requestType: RequestType, currency: string): PolicyGate[] {
  const factor = 10 ** (minorUnitExponent(currency) ?? 2);
  return TEMPLATES[requestType].map(({ above, ...g }) => ({ ...g, ...(above !== undefined ? { requiredAboveMinor: { [currency]: above * factor } } : {}) }));
}
