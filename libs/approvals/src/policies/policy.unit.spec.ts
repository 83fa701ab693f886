import { given } from '@workbay/eventstore/testing';
import { defaultGates } from './default-policies.rules';
import { PolicyCommand, policyDecider, PublishPolicyDecision } from './policy.decider';
import { InvalidPolicy, PolicyAlreadySeeded, PolicyUserUnknown, PolicyVersionMismatch } from './policy.errors';
import type { ApprovalPolicyPublished, PolicyGate } from './policy.events';
import { routeFor } from './policy.rules';

const ROLES = ['owner', 'admin', 'manager', 'revenue_assurance', 'ceo'];
const manager: PolicyGate = { gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, quorum: 1, deadlineHours: 24, escalateTo: null };
const ra: PolicyGate = { ...manager, gateId: 'ra', name: 'Revenue Assurance', decider: { role: 'revenue_assurance' }, requiredAboveMinor: { INR: 100_000 } };
const publish = (overrides: Partial<PublishPolicyDecision> = {}): PolicyCommand => ({
  type: 'PublishPolicy', requestType: 'purchase', gates: [manager, ra], seed: false, knownRoles: ROLES, tenantUserIds: ['u-1'],
  publishedAt: '2026-01-01T00:00:00.000Z', actor: 'admin-1', ...overrides,
});
const published = (version: number, gates: PolicyGate[] = [manager], publishedBy = 'admin-1'): ApprovalPolicyPublished => ({
  type: 'ApprovalPolicyPublished', data: { requestType: 'purchase', version, gates, publishedBy, publishedAt: '2026-01-01T00:00:00.000Z' },
});

describe('publishing an approval policy', () => {
  it('publishes version 1, then version 2 beside it (each publish is version + 1, the old one kept)', () => {
    const state = given(policyDecider).when(publish()).then([published(1, [manager, ra])]);
    const next = given(policyDecider, [published(1, [manager, ra])]).when(publish({ gates: [manager] })).then([published(2, [manager])]);
    expect(state.versions).toHaveLength(1);
    expect(next.versions.map((v) => v.gates.length)).toEqual([2, 1]);
  });

  it('records a seed as publishedBy seed, and never seeds over a published version', () => {
    given(policyDecider).when(publish({ seed: true })).then([published(1, [manager, ra], 'seed')]);
    given(policyDecider, [published(1)]).when(publish({ seed: true })).thenThrows(PolicyAlreadySeeded);
  });

  it('refuses an edit made against an older version (409, no lost update)', () => {
    given(policyDecider, [published(1), published(2)]).when(publish({ expectedVersion: 1 })).thenThrows(PolicyVersionMismatch, { field: 'expectedVersion' });
  });

  it.each([
    ['no gates', { gates: [] }, 'gates'],
    ['eleven gates', { gates: Array.from({ length: 11 }, (_, i) => ({ ...manager, gateId: `g${i}` })) }, 'gates'],
    ['a duplicate gateId', { gates: [manager, { ...ra, gateId: 'manager' }] }, 'gates[1].gateId'],
    ['a gateId with spaces', { gates: [{ ...manager, gateId: 'Big Boss' }] }, 'gates[0].gateId'],
    ['a blank name', { gates: [{ ...manager, name: '  ' }] }, 'gates[0].name'],
    ['quorum 0', { gates: [{ ...manager, quorum: 0 }] }, 'gates[0].quorum'],
    ['quorum 1.5', { gates: [{ ...manager, quorum: 1.5 }] }, 'gates[0].quorum'],
    ['deadline 0 hours', { gates: [{ ...manager, deadlineHours: 0 }] }, 'gates[0].deadlineHours'],
    ['a negative deadline', { gates: [{ ...manager, deadlineHours: -3 }] }, 'gates[0].deadlineHours'],
    ['an unknown role', { gates: [{ ...manager, decider: { role: 'wizard' } }] }, 'gates[0].decider.role'],
    ['both role and user', { gates: [{ ...manager, decider: { role: 'manager', userId: 'u-1' } as never }] }, 'gates[0].decider'],
    ['an unknown currency threshold', { gates: [{ ...ra, requiredAboveMinor: { ABC: 5 } }] }, 'gates[0].requiredAboveMinor.ABC'],
    ['a negative threshold', { gates: [{ ...ra, requiredAboveMinor: { INR: -1 } }] }, 'gates[0].requiredAboveMinor.INR'],
    ['a fractional threshold', { gates: [{ ...ra, requiredAboveMinor: { INR: 10.5 } }] }, 'gates[0].requiredAboveMinor.INR'],
    ['a named user with quorum 2', { gates: [{ ...manager, decider: { userId: 'u-1' }, quorum: 2 }] }, 'gates[0].quorum'],
  ])('refuses %s with 422 naming the field', (_, overrides, field) => {
    given(policyDecider).when(publish(overrides as Partial<PublishPolicyDecision>)).thenThrows(InvalidPolicy, { field });
  });

  it('refuses a gate naming a user who is not of this tenant (422 naming the field)', () => {
    given(policyDecider).when(publish({ gates: [{ ...manager, decider: { userId: 'stranger' } }] })).thenThrows(PolicyUserUnknown, { field: 'gates[0].decider.userId' });
    given(policyDecider).when(publish({ gates: [{ ...manager, escalateTo: { userId: 'stranger' } }] })).thenThrows(PolicyUserUnknown, { field: 'gates[0].escalateTo.userId' });
  });

  it('accepts a named user of the tenant and a null deadline', () => {
    const gate: PolicyGate = { ...manager, decider: { userId: 'u-1' }, deadlineHours: null, escalateTo: { role: 'owner' } };
    given(policyDecider).when(publish({ gates: [gate] })).then([published(1, [gate])]);
  });
});

describe('routing by amount', () => {
  const gates = defaultGates('purchase', 'INR');

  it('seeds the issue\'s purchase policy in the tenant currency: Manager always, RA above 1,000, CEO and Owner above 10,000', () => {
    expect(gates.map((g) => [g.gateId, g.requiredAboveMinor ?? null])).toEqual([
      ['manager', null], ['revenue-assurance', { INR: 100_000 }], ['ceo', { INR: 1_000_000 }], ['owner', { INR: 1_000_000 }],
    ]);
    expect(defaultGates('purchase', 'JPY')[1].requiredAboveMinor).toEqual({ JPY: 1_000 });
  });

  it.each([
    [50_000, ['manager']],
    [100_000, ['manager']],
    [100_001, ['manager', 'revenue-assurance']],
    [1_000_000, ['manager', 'revenue-assurance']],
    [2_500_000, ['manager', 'revenue-assurance', 'ceo', 'owner']],
  ])('routes %i paise through %j', (amount, route) => {
    const routing = routeFor(gates, amount, 'INR');
    expect(routing.ok && routing.route.map((g) => g.gateId)).toEqual(route);
    expect(routing.ok && routing.route.map((g) => g.gateIndex)).toEqual(route.map((_, i) => i));
  });

  it('cannot route a currency a threshold gate names no amount in', () => {
    expect(routeFor(gates, 100, 'USD')).toEqual({ ok: false, gateId: 'revenue-assurance' });
  });
});
