import { given } from '@workbay/eventstore/testing';
import { defaultGates } from '../policies/default-policies.rules';
import type { PolicyGate } from '../policies/policy.events';
import { DecideGateDecision, requestDecider, RequestCommand, SubmitRequestDecision } from './request.decider';
import {
  AlreadyApprovedByYou, DelegateCannotApproveOwnRequest, GateAlreadyDecided, GateTimerStale, InvalidRequest, NotAGateDecider,
  OneGatePerPerson, RequesterCannotDecide, RequesterOnly, RequestNotInReview,
} from './request.errors';
import type { ApprovalRequestEvent } from './request.events';
import type { RequestContent, RequestState } from './request-state.rules';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const PURCHASE = defaultGates('purchase', 'INR');
/** T1 plus the first purchase gate's deadline: when a holder the gate was escalated to at T1 is due. */
const T1_PLUS_DEADLINE = new Date(Date.parse('2026-03-01T10:00:00.000Z') + PURCHASE[0].deadlineHours! * 3_600_000).toISOString();
const T2 = '2026-03-03T10:00:00.000Z';

const submit = (overrides: Partial<SubmitRequestDecision> = {}): SubmitRequestDecision => ({
  type: 'SubmitRequest', requestId: 'r-1', requestType: 'purchase', title: 'Diagnostic scanner', amount: { amountMinor: 2_500_000, currency: 'INR' },
  details: null, attachments: [], link: null, policyVersion: 3, gates: PURCHASE, followUp: null, submittedAt: T0, actor: 'requester', ...overrides,
});
const decide = (overrides: Partial<DecideGateDecision> = {}): RequestCommand => ({
  type: 'DecideGate', decision: 'approve', round: 1, gateIndex: 0, deciderRoles: ['manager'], onBehalfOf: null, comment: null, decidedAt: T1, actor: 'mgr', ...overrides,
});

/** Folds the commands' own events, so each step decides on what the previous one wrote. */
function history(...commands: RequestCommand[]): ApprovalRequestEvent[] {
  let state: RequestState = requestDecider.initialState();
  const events: ApprovalRequestEvent[] = [];
  for (const c of commands) {
    const produced = requestDecider.decide(c, state);
    events.push(...produced);
    state = produced.reduce(requestDecider.evolve, state);
  }
  return events;
}
const content = (s: RequestState) => s as RequestContent;

describe('submitting a request', () => {
  it('freezes the route the amount needs and opens its first gate in the same append', () => {
    const events = requestDecider.decide(submit(), requestDecider.initialState());
    expect(events.map((e) => e.type)).toEqual(['ApprovalRequestSubmitted', 'ApprovalGateOpened']);
    const submitted = events[0] as Extract<ApprovalRequestEvent, { type: 'ApprovalRequestSubmitted' }>;
    expect(submitted.data.route.map((g) => g.gateId)).toEqual(['manager', 'revenue-assurance', 'ceo', 'owner']);
    expect(submitted.data).toMatchObject({ policyVersion: 3, requesterId: 'requester' });
    expect(events[1]).toEqual({ type: 'ApprovalGateOpened', data: { requestId: 'r-1', round: 1, gateIndex: 0, gateId: 'manager', decider: { role: 'manager' }, dueAt: '2026-03-02T09:00:00.000Z', openedAt: T0 } });
  });

  it('completes at once when no gate applies', () => {
    const gates: PolicyGate[] = [{ ...PURCHASE[1] }];
    const events = requestDecider.decide(submit({ gates, amount: { amountMinor: 100, currency: 'INR' } }), requestDecider.initialState());
    expect(events.map((e) => e.type)).toEqual(['ApprovalRequestSubmitted', 'ApprovalRequestCompleted']);
  });

  it.each([
    ['a blank title', { title: ' ' }, 'title'],
    ['a negative amount', { amount: { amountMinor: -5, currency: 'INR' } }, 'amount.amountMinor'],
    ['a zero amount', { amount: { amountMinor: 0, currency: 'INR' } }, 'amount.amountMinor'],
    ['an unknown currency', { amount: { amountMinor: 5, currency: 'ABC' } }, 'amount.currency'],
    ['a currency the policy sets no threshold in', { amount: { amountMinor: 5, currency: 'USD' } }, 'amount.currency'],
    ['an attachment without a reference', { attachments: [{ name: 'q.pdf', ref: '' }] }, 'attachments[0].ref'],
  ])('refuses %s (422 naming the field)', (_, overrides, field) => {
    given(requestDecider).when(submit(overrides as Partial<SubmitRequestDecision>)).thenThrows(InvalidRequest, { field });
  });
});

describe('deciding gates', () => {
  const submitted = () => history(submit());

  it('routes a 25,000 purchase through four gates decided by four people, then completes', () => {
    const events = history(
      submit(),
      decide({ actor: 'mgr', deciderRoles: ['manager'] }),
      decide({ gateIndex: 1, actor: 'ra', deciderRoles: ['revenue_assurance'] }),
      decide({ gateIndex: 2, actor: 'ceo', deciderRoles: ['ceo'] }),
      decide({ gateIndex: 3, actor: 'own', deciderRoles: ['owner'] }),
    );
    expect(events.map((e) => e.type)).toEqual([
      'ApprovalRequestSubmitted', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalGateOpened',
      'ApprovalGateApproved', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalRequestCompleted',
    ]);
    const state = content(events.reduce(requestDecider.evolve, requestDecider.initialState()));
    expect(state.status).toBe('completed');
    expect(state.log.filter((e) => e.kind === 'approved').map((e) => 'deciderId' in e && e.deciderId)).toEqual(['mgr', 'ra', 'ceo', 'own']);
  });

  it('refuses the requester deciding their own request (403 requester_cannot_decide), even holding the role', () => {
    given(requestDecider, submitted()).when(decide({ actor: 'requester' })).thenThrows(RequesterCannotDecide, { code: 'REQUESTER_CANNOT_DECIDE', kind: 'forbidden' });
  });

  it('refuses one person deciding a second gate of the round (403 one_gate_per_person), also as a delegate', () => {
    const afterManager = history(submit(), decide({ actor: 'mgr', deciderRoles: ['manager', 'revenue_assurance'] }));
    given(requestDecider, afterManager).when(decide({ gateIndex: 1, actor: 'mgr', deciderRoles: ['manager', 'revenue_assurance'] })).thenThrows(OneGatePerPerson);
    // The delegate acts for someone who already decided a gate.
    given(requestDecider, afterManager)
      .when(decide({ gateIndex: 1, actor: 'deputy', deciderRoles: [], onBehalfOf: { userId: 'mgr', roles: ['revenue_assurance'], delegationActive: true } }))
      .thenThrows(OneGatePerPerson);
    // The delegate already decided a gate themselves.
    const deputyFirst = history(submit(), decide({ actor: 'deputy', deciderRoles: [], onBehalfOf: { userId: 'mgr', roles: ['manager'], delegationActive: true } }));
    given(requestDecider, deputyFirst).when(decide({ gateIndex: 1, actor: 'deputy', deciderRoles: ['revenue_assurance'] })).thenThrows(OneGatePerPerson);
  });

  it('refuses a delegate deciding a request they submitted (403 delegate_cannot_approve_own_request)', () => {
    given(requestDecider, submitted())
      .when(decide({ actor: 'requester', deciderRoles: [], onBehalfOf: { userId: 'mgr', roles: ['manager'], delegationActive: true } }))
      .thenThrows(DelegateCannotApproveOwnRequest, { code: 'DELEGATE_CANNOT_APPROVE_OWN_REQUEST' });
  });

  it('refuses someone holding neither the role nor a delegation (403 not_a_gate_decider)', () => {
    given(requestDecider, submitted()).when(decide({ actor: 'tech', deciderRoles: ['technician'] })).thenThrows(NotAGateDecider, { code: 'NOT_A_GATE_DECIDER' });
    given(requestDecider, submitted())
      .when(decide({ actor: 'deputy', deciderRoles: [], onBehalfOf: { userId: 'mgr', roles: ['manager'], delegationActive: false } }))
      .thenThrows(NotAGateDecider);
    given(requestDecider, submitted())
      .when(decide({ actor: 'deputy', deciderRoles: ['manager'], onBehalfOf: { userId: 'tech', roles: ['technician'], delegationActive: true } }))
      .thenThrows(NotAGateDecider);
  });

  it('records a delegate\'s decision with onBehalfOf = the delegator', () => {
    const [approved] = requestDecider.decide(
      decide({ actor: 'deputy', deciderRoles: ['technician'], onBehalfOf: { userId: 'mgr', roles: ['manager'], delegationActive: true } }),
      given(requestDecider, submitted()).state,
    );
    expect(approved).toMatchObject({ type: 'ApprovalGateApproved', data: { deciderId: 'deputy', onBehalfOf: 'mgr', gateComplete: true } });
  });

  it('refuses a decision on a gate already decided or an old round (409 gate_already_decided)', () => {
    const afterManager = history(submit(), decide());
    given(requestDecider, afterManager).when(decide({ actor: 'mgr2' })).thenThrows(GateAlreadyDecided, { code: 'GATE_ALREADY_DECIDED', kind: 'conflict' });
    const returned = history(submit(), decide({ decision: 'reject', comment: 'no budget' }), { type: 'ResubmitRequest', gates: PURCHASE, resubmittedAt: T1, actor: 'requester' });
    given(requestDecider, returned).when(decide({ actor: 'mgr2', round: 1 })).thenThrows(GateAlreadyDecided);
  });

  it('needs a quorum of distinct deciders: N of M, the Nth completes the gate', () => {
    const gates: PolicyGate[] = [{ ...PURCHASE[0], quorum: 2 }];
    const first = history(submit({ gates }), decide({ actor: 'm1' }));
    expect(content(given(requestDecider, first).state).status).toBe('in_review');
    given(requestDecider, first).when(decide({ actor: 'm1' })).thenThrows(AlreadyApprovedByYou);
    const events = requestDecider.decide(decide({ actor: 'm2' }), given(requestDecider, first).state);
    expect(events.map((e) => e.type)).toEqual(['ApprovalGateApproved', 'ApprovalRequestCompleted']);
  });

  it('needs a comment to reject or request changes (422 naming comment)', () => {
    given(requestDecider, submitted()).when(decide({ decision: 'reject', comment: '' })).thenThrows(InvalidRequest, { field: 'comment' });
    given(requestDecider, submitted()).when(decide({ decision: 'request_changes' })).thenThrows(InvalidRequest, { field: 'comment' });
  });
});

describe('returning, resubmitting and withdrawing', () => {
  const rejectedAtCeo = () => history(
    submit(), decide({ actor: 'mgr' }), decide({ gateIndex: 1, actor: 'ra', deciderRoles: ['revenue_assurance'] }),
    decide({ gateIndex: 2, actor: 'ceo', deciderRoles: ['ceo'], decision: 'reject', comment: 'get a second quote' }),
  );

  it('returns a rejected request to its requester, who resubmits: a new round from gate 1 on the same version', () => {
    const returned = given(requestDecider, rejectedAtCeo()).state;
    expect(content(returned)).toMatchObject({ status: 'returned', returnedAs: 'rejected' });
    const events = requestDecider.decide({ type: 'ResubmitRequest', amount: { amountMinor: 500_000, currency: 'INR' }, gates: PURCHASE, resubmittedAt: T1, actor: 'requester' }, returned);
    expect(events.map((e) => e.type)).toEqual(['ApprovalRequestResubmitted', 'ApprovalGateOpened']);
    expect(events[0]).toMatchObject({ data: { round: 2, route: [{ gateId: 'manager' }, { gateId: 'revenue-assurance' }] } });
    // A new round: who decided in round 1 may decide again.
    const round2 = events.reduce(requestDecider.evolve, returned);
    expect(requestDecider.decide(decide({ round: 2, actor: 'mgr' }), round2)[0].type).toBe('ApprovalGateApproved');
  });

  it('lets only the requester resubmit or withdraw (403), and only a returned request be resubmitted (409)', () => {
    given(requestDecider, rejectedAtCeo()).when({ type: 'ResubmitRequest', gates: PURCHASE, resubmittedAt: T1, actor: 'mgr' }).thenThrows(RequesterOnly);
    given(requestDecider, history(submit())).when({ type: 'ResubmitRequest', gates: PURCHASE, resubmittedAt: T1, actor: 'requester' }).thenThrows(RequestNotInReview);
    given(requestDecider, history(submit())).when({ type: 'WithdrawRequest', withdrawnAt: T1, actor: 'mgr' }).thenThrows(RequesterOnly);
  });

  it('withdraws while not completed, never after', () => {
    given(requestDecider, history(submit())).when({ type: 'WithdrawRequest', reason: 'bought used', withdrawnAt: T1, actor: 'requester' })
      .then([{ type: 'ApprovalRequestWithdrawn', data: { requestId: 'r-1', reason: 'bought used', withdrawnAt: T1 } }]);
    const completed = history(submit({ amount: { amountMinor: 100, currency: 'INR' } }), decide());
    given(requestDecider, completed).when({ type: 'WithdrawRequest', withdrawnAt: T1, actor: 'requester' }).thenThrows(RequestNotInReview);
  });
});

describe('reminders and escalations', () => {
  it('reminds an open gate once; a timer for a closed gate is stale', () => {
    const open = history(submit());
    const reminded = given(requestDecider, open).when({ type: 'RemindGate', round: 1, gateIndex: 0, remindedAt: T1 })
      .then([{ type: 'ApprovalGateReminded', data: { requestId: 'r-1', round: 1, gateIndex: 0, remindedAt: T1 } }]);
    expect(() => requestDecider.decide({ type: 'RemindGate', round: 1, gateIndex: 0, remindedAt: T1 }, reminded)).toThrow(GateTimerStale);
    given(requestDecider, history(submit(), decide())).when({ type: 'RemindGate', round: 1, gateIndex: 0, remindedAt: T1 }).thenThrows(GateTimerStale);
  });

  it('escalates to the next gate\'s decider when the gate names none, and the gate then waits on them', () => {
    const escalated = given(requestDecider, history(submit())).when({ type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 })
      .then([{ type: 'ApprovalGateEscalated', data: { requestId: 'r-1', round: 1, gateIndex: 0, from: { role: 'manager' }, to: { role: 'revenue_assurance' }, escalatedAt: T1, level: 1, dueAt: T1_PLUS_DEADLINE } }]);
    expect(() => requestDecider.decide(decide({ actor: 'mgr' }), escalated)).toThrow(NotAGateDecider);
    expect(requestDecider.decide(decide({ actor: 'ra', deciderRoles: ['revenue_assurance'] }), escalated)[0].type).toBe('ApprovalGateApproved');
  });

  it('escalates the last gate to the owner, and to escalateTo when the gate names it', () => {
    const single: PolicyGate[] = [{ ...PURCHASE[0] }];
    given(requestDecider, history(submit({ gates: single }))).when({ type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 })
      .then([{ type: 'ApprovalGateEscalated', data: { requestId: 'r-1', round: 1, gateIndex: 0, from: { role: 'manager' }, to: { role: 'owner' }, escalatedAt: T1, level: 1, dueAt: null } }]);
    const named: PolicyGate[] = [{ ...PURCHASE[0], escalateTo: { userId: 'boss' } }];
    const [event] = requestDecider.decide({ type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 }, given(requestDecider, history(submit({ gates: named }))).state);
    expect(event).toMatchObject({ data: { to: { userId: 'boss' }, level: 1, dueAt: T1_PLUS_DEADLINE } });
  });

  const at = (state: RequestState, command: RequestCommand) => requestDecider.decide(command, state);
  const after = (state: RequestState, command: RequestCommand) => at(state, command).reduce(requestDecider.evolve, state);

  it('gives the escalated holder the deadline again, then escalates once more to the owner, and no further', () => {
    const escalated = after(given(requestDecider, history(submit())).state, { type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 });
    // The first deadline's timers are spent: a second fire of either is stale.
    expect(() => at(escalated, { type: 'RemindGate', round: 1, gateIndex: 0, remindedAt: T2 })).toThrow(GateTimerStale);
    expect(() => at(escalated, { type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T2 })).toThrow(GateTimerStale);
    expect(at(escalated, { type: 'RemindGate', round: 1, gateIndex: 0, level: 1, remindedAt: T2 }))
      .toEqual([{ type: 'ApprovalGateReminded', data: { requestId: 'r-1', round: 1, gateIndex: 0, remindedAt: T2 } }]);
    const reminded = after(escalated, { type: 'RemindGate', round: 1, gateIndex: 0, level: 1, remindedAt: T2 });
    expect(() => at(reminded, { type: 'RemindGate', round: 1, gateIndex: 0, level: 1, remindedAt: T2 })).toThrow(GateTimerStale);
    expect(at(reminded, { type: 'EscalateGate', round: 1, gateIndex: 0, level: 1, escalatedAt: T2 }))
      .toEqual([{ type: 'ApprovalGateEscalated', data: { requestId: 'r-1', round: 1, gateIndex: 0, from: { role: 'revenue_assurance' }, to: { role: 'owner' }, escalatedAt: T2, level: 2, dueAt: null } }]);
    const toOwner = after(reminded, { type: 'EscalateGate', round: 1, gateIndex: 0, level: 1, escalatedAt: T2 });
    expect(at(toOwner, decide({ actor: 'own', deciderRoles: ['owner'] }))[0].type).toBe('ApprovalGateApproved');
    expect(() => at(toOwner, decide({ actor: 'ra', deciderRoles: ['revenue_assurance'] }))).toThrow(NotAGateDecider);
    expect(() => at(toOwner, { type: 'EscalateGate', round: 1, gateIndex: 0, level: 2, escalatedAt: T2 })).toThrow(GateTimerStale);
  });

  it('does not escalate again a gate the first escalation gave to the owner, nor set a deadline on a gate without one', () => {
    const single: PolicyGate[] = [{ ...PURCHASE[0] }];
    const withOwner = after(given(requestDecider, history(submit({ gates: single }))).state, { type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 });
    expect(() => at(withOwner, { type: 'EscalateGate', round: 1, gateIndex: 0, level: 1, escalatedAt: T2 })).toThrow(GateTimerStale);
    const noDeadline: PolicyGate[] = PURCHASE.map((g) => ({ ...g, deadlineHours: null }));
    const [event] = at(given(requestDecider, history(submit({ gates: noDeadline }))).state, { type: 'EscalateGate', round: 1, gateIndex: 0, escalatedAt: T1 });
    expect(event).toMatchObject({ data: { to: { role: 'revenue_assurance' }, level: 1, dueAt: null } });
  });
});
