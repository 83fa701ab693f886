import { given } from '@workbay/eventstore/testing';
import { activeDelegation, DelegateApprovalsDecision, delegationDecider, DelegationAlreadyRevoked, DelegationNotFound, InvalidDelegation } from './delegation.decider';

const delegate = (overrides: Partial<DelegateApprovalsDecision> = {}): DelegateApprovalsDecision => ({
  type: 'DelegateApprovals', delegationId: 'd-1', toUserId: 'deputy', delegateIsUser: true, startsAt: '2026-03-01T00:00:00.000Z',
  endsAt: '2026-03-08T00:00:00.000Z', delegatedAt: '2026-02-28T12:00:00.000Z', actor: 'mgr', ...overrides,
});

describe('delegating approvals', () => {
  it('is active within [startsAt, endsAt) and stops at once when revoked', () => {
    const state = given(delegationDecider).when(delegate()).then([{
      type: 'ApprovalsDelegated',
      data: { delegationId: 'd-1', fromUserId: 'mgr', toUserId: 'deputy', startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-03-08T00:00:00.000Z', delegatedAt: '2026-02-28T12:00:00.000Z' },
    }]);
    expect(activeDelegation(state, 'deputy', '2026-02-28T23:59:59.999Z')).toBeUndefined();
    expect(activeDelegation(state, 'deputy', '2026-03-01T00:00:00.000Z')).toBeDefined();
    expect(activeDelegation(state, 'deputy', '2026-03-08T00:00:00.000Z')).toBeUndefined();
    expect(activeDelegation(state, 'someone-else', '2026-03-02T00:00:00.000Z')).toBeUndefined();
    const revoked = given(delegationDecider, [{ type: 'ApprovalsDelegated', data: { delegationId: 'd-1', fromUserId: 'mgr', toUserId: 'deputy', startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-03-08T00:00:00.000Z', delegatedAt: '2026-02-28T12:00:00.000Z' } }])
      .when({ type: 'RevokeDelegation', delegationId: 'd-1', revokedAt: '2026-03-02T00:00:00.000Z', actor: 'mgr' })
      .then([{ type: 'ApprovalDelegationRevoked', data: { delegationId: 'd-1', fromUserId: 'mgr', revokedAt: '2026-03-02T00:00:00.000Z' } }]);
    expect(activeDelegation(revoked, 'deputy', '2026-03-03T00:00:00.000Z')).toBeUndefined();
    expect(() => delegationDecider.decide({ type: 'RevokeDelegation', delegationId: 'd-1', revokedAt: '2026-03-03T00:00:00.000Z', actor: 'mgr' }, revoked)).toThrow(DelegationAlreadyRevoked);
  });

  it.each([
    ['to yourself', { toUserId: 'mgr' }, 'toUserId'],
    ['to a user of another shop', { delegateIsUser: false }, 'toUserId'],
    ['ending before it starts', { endsAt: '2026-02-01T00:00:00.000Z' }, 'endsAt'],
    ['ending in the past', { startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-02-01T00:00:00.000Z' }, 'endsAt'],
    ['longer than a year', { endsAt: '2028-01-01T00:00:00.000Z' }, 'endsAt'],
    ['with a malformed start', { startsAt: 'tomorrow' }, 'startsAt'],
  ])('refuses a delegation %s (422 naming the field)', (_, overrides, field) => {
    given(delegationDecider).when(delegate(overrides)).thenThrows(InvalidDelegation, { field });
  });

  it('answers 404 for a delegation that is not the caller\'s', () => {
    given(delegationDecider).when({ type: 'RevokeDelegation', delegationId: 'nope', revokedAt: '2026-03-02T00:00:00.000Z', actor: 'mgr' }).thenThrows(DelegationNotFound);
  });
});
