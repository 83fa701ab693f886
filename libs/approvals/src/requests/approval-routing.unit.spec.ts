import { StoredEvent } from '@workbay/eventstore';
import { ApplyApprovedDiscount } from '@workbay/shop/contract';
import { NotifyGateDeciders, NotifyRequester } from './approval-notices';
import { approvalRouting, escalateTimerId, remindTimerId, RoutingState } from './approval-routing.process';
import { EscalateGate, RemindGate } from './gate-timers';
import type { ApprovalRequestEvent, RoutedGate } from './request.events';

const route: RoutedGate[] = [
  { gateIndex: 0, gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, quorum: 1, deadlineHours: 2, escalateTo: null },
  { gateIndex: 1, gateId: 'ra', name: 'Revenue Assurance', decider: { role: 'revenue_assurance' }, quorum: 1, deadlineHours: null, escalateTo: null },
];
const submitted = (overrides: Partial<Extract<ApprovalRequestEvent, { type: 'ApprovalRequestSubmitted' }>['data']> = {}): ApprovalRequestEvent => ({
  type: 'ApprovalRequestSubmitted',
  data: {
    requestId: 'req-1', requestType: 'discount', title: 'Loyalty discount', amount: { amountMinor: 150_000, currency: 'INR' }, details: null,
    attachments: [], link: { kind: 'quote', id: 'quote-1' }, requesterId: 'sita', policyVersion: 1, route, followUp: null,
    submittedAt: '2026-01-05T09:00:00.000Z', ...overrides,
  },
});
const opened = (gateIndex: number, dueAt: string | null, round = 1): ApprovalRequestEvent => ({
  type: 'ApprovalGateOpened',
  data: { requestId: 'req-1', round, gateIndex, gateId: route[gateIndex].gateId, decider: route[gateIndex].decider, dueAt, openedAt: '2026-01-05T09:00:00.000Z' },
});
const decision = { requestId: 'req-1', round: 1, deciderId: 'mohan', deciderRoles: ['manager'], onBehalfOf: null, comment: null, decidedAt: '2026-01-05T10:00:00.000Z' };
const approved = (gateIndex: number, gateComplete = true): ApprovalRequestEvent => ({
  type: 'ApprovalGateApproved', data: { ...decision, gateIndex, gateId: route[gateIndex].gateId, gateComplete },
});

let position = 0;
const stored = (event: ApprovalRequestEvent, eventId = `ev-${++position}`): StoredEvent =>
  ({ eventId, type: event.type, data: event.data, tenantId: 't-1', streamId: 't-1.approval-request-req-1', streamVersion: position, globalPosition: position, metadata: {} }) as unknown as StoredEvent;

/** Folds the events as the runtime does and answers the reaction to the last one. */
function run(events: StoredEvent[]) {
  let state: RoutingState = approvalRouting.initialState;
  let reaction = {};
  for (const event of events) {
    state = approvalRouting.evolve(state, event);
    reaction = approvalRouting.react(state, event);
  }
  return { state, reaction: reaction as ReturnType<typeof approvalRouting.react> };
}

describe('the approval routing saga', () => {
  const open1 = stored(opened(0, '2026-01-05T11:00:00.000Z'), 'open-1');

  it("tells a gate's deciders when it opens and schedules its reminder at the deadline, then its escalation one deadline later", () => {
    const { reaction } = run([stored(submitted()), open1]);
    expect(reaction.commands).toEqual([new NotifyGateDeciders({
      requestId: 'req-1', requesterId: 'sita', title: 'Loyalty discount', amount: { amountMinor: 150_000, currency: 'INR' },
      round: 1, gateIndex: 0, decider: { role: 'manager' }, notice: 'opened', dueAt: '2026-01-05T11:00:00.000Z',
    })]);
    expect(reaction.schedule).toEqual([
      { timerId: remindTimerId('open-1'), dueAt: new Date('2026-01-05T11:00:00.000Z'), command: { type: 'RemindGate', payload: { requestId: 'req-1', round: 1, gateIndex: 0 } } },
      { timerId: escalateTimerId('open-1'), dueAt: new Date('2026-01-05T13:00:00.000Z'), command: { type: 'EscalateGate', payload: { requestId: 'req-1', round: 1, gateIndex: 0 } } },
    ]);
    expect(reaction.schedule!.every((t) => !t.timerId.includes(':'))).toBe(true);
  });

  it('cancels both timers when the gate reaches its quorum, and schedules none for a gate without a deadline', () => {
    expect(run([stored(submitted()), open1, stored(approved(0, false))]).reaction).toEqual({});
    const { reaction } = run([stored(submitted()), open1, stored(approved(0))]);
    expect(reaction.cancel).toEqual([remindTimerId('open-1'), escalateTimerId('open-1')]);
    const next = run([stored(submitted()), open1, stored(approved(0)), stored(opened(1, null))]).reaction;
    expect(next.schedule).toBeUndefined();
    expect(next.cancel).toEqual([]);
  });

  it('cancels the timers and tells the requester on a rejection', () => {
    const rejected = stored({ type: 'ApprovalGateRejected', data: { ...decision, gateIndex: 0, gateId: 'manager', comment: 'too generous' } });
    const { reaction } = run([stored(submitted()), open1, rejected]);
    expect(reaction.cancel).toEqual([remindTimerId('open-1'), escalateTimerId('open-1')]);
    expect(reaction.commands).toEqual([expect.any(NotifyRequester)]);
    expect((reaction.commands![0] as NotifyRequester).input).toMatchObject({ notice: 'rejected', comment: 'too generous', requesterId: 'sita', gateIndex: 0 });
  });

  it('reminds whoever holds the gate now, and tells the new holder of an escalation', () => {
    const escalated = stored({ type: 'ApprovalGateEscalated', data: { requestId: 'req-1', round: 1, gateIndex: 0, from: { role: 'manager' }, to: { userId: 'owner-1' }, escalatedAt: '2026-01-05T13:00:00.000Z' } });
    const onEscalation = run([stored(submitted()), open1, escalated]).reaction;
    expect((onEscalation.commands![0] as NotifyGateDeciders).input).toMatchObject({ notice: 'escalated', decider: { userId: 'owner-1' } });
    const reminded = stored({ type: 'ApprovalGateReminded', data: { requestId: 'req-1', round: 1, gateIndex: 0, remindedAt: '2026-01-05T11:00:00.000Z' } });
    const onReminder = run([stored(submitted()), open1, escalated, reminded]).reaction;
    expect((onReminder.commands![0] as NotifyGateDeciders).input).toMatchObject({ notice: 'reminded', decider: { userId: 'owner-1' } });
    // A reminder for a gate that is no longer open does nothing.
    expect(run([stored(submitted()), open1, stored(approved(0)), reminded]).reaction).toEqual({});
  });

  it("gives an escalated gate the holder's deadline (a reminder, then the escalation to the owner, as level 1), cancelled with the first ones when decided", () => {
    const escalated = stored({ type: 'ApprovalGateEscalated', data: {
      requestId: 'req-1', round: 1, gateIndex: 0, from: { role: 'manager' }, to: { role: 'revenue_assurance' }, escalatedAt: '2026-01-05T13:00:00.000Z', level: 1, dueAt: '2026-01-05T15:00:00.000Z',
    } }, 'esc-1');
    const { reaction } = run([stored(submitted()), open1, escalated]);
    expect((reaction.commands![0] as NotifyGateDeciders).input).toMatchObject({ notice: 'escalated', decider: { role: 'revenue_assurance' }, dueAt: '2026-01-05T15:00:00.000Z', level: 0 });
    expect(reaction.schedule).toEqual([
      { timerId: remindTimerId('esc-1'), dueAt: new Date('2026-01-05T15:00:00.000Z'), command: { type: 'RemindGate', payload: { requestId: 'req-1', round: 1, gateIndex: 0, level: 1 } } },
      { timerId: escalateTimerId('esc-1'), dueAt: new Date('2026-01-05T17:00:00.000Z'), command: { type: 'EscalateGate', payload: { requestId: 'req-1', round: 1, gateIndex: 0, level: 1 } } },
    ]);
    // The second reminder and escalation are notices of their own (their own keys), not the first ones again.
    const reminded = stored({ type: 'ApprovalGateReminded', data: { requestId: 'req-1', round: 1, gateIndex: 0, remindedAt: '2026-01-05T15:00:00.000Z' } });
    expect((run([stored(submitted()), open1, escalated, reminded]).reaction.commands![0] as NotifyGateDeciders).input).toMatchObject({ notice: 'reminded', level: 1 });
    const toOwner = stored({ type: 'ApprovalGateEscalated', data: {
      requestId: 'req-1', round: 1, gateIndex: 0, from: { role: 'revenue_assurance' }, to: { role: 'owner' }, escalatedAt: '2026-01-05T17:00:00.000Z', level: 2, dueAt: null,
    } });
    const last = run([stored(submitted()), open1, escalated, reminded, toOwner]).reaction;
    expect(last.schedule).toBeUndefined();
    expect((last.commands![0] as NotifyGateDeciders).input).toMatchObject({ notice: 'escalated', decider: { role: 'owner' }, level: 1 });
    const decided = run([stored(submitted()), open1, escalated, stored(approved(0))]).reaction;
    expect(decided.cancel).toEqual([remindTimerId('open-1'), escalateTimerId('open-1'), remindTimerId('esc-1'), escalateTimerId('esc-1')]);
    expect(approvalRouting.timerCommand!({ type: 'EscalateGate', payload: { requestId: 'req-1', round: 1, gateIndex: 0, level: 1 } })).toEqual(new EscalateGate('req-1', 1, 0, 1));
  });

  it("applies an approved discount to its quote through the shop's contract on completion, and tells the requester", () => {
    const completed = stored({ type: 'ApprovalRequestCompleted', data: { requestId: 'req-1', round: 1, completedAt: '2026-01-05T12:00:00.000Z' } });
    const { reaction } = run([stored(submitted()), open1, stored(approved(0)), completed]);
    expect(reaction.commands).toEqual([
      expect.any(NotifyRequester),
      new ApplyApprovedDiscount({ quoteId: 'quote-1', requestId: 'req-1', discount: { amountMinor: 150_000, currency: 'INR' } }),
    ]);
    expect((reaction.commands![0] as NotifyRequester).input.notice).toBe('completed');
    const purchase = run([stored(submitted({ requestType: 'purchase', link: null })), stored(approved(0)), completed]).reaction;
    expect(purchase.commands).toEqual([expect.any(NotifyRequester)]);
  });

  it('turns due timers back into the aggregate commands, naming the round and gate they were set for', () => {
    expect(approvalRouting.timerCommand!({ type: 'RemindGate', payload: { requestId: 'req-1', round: 2, gateIndex: 1 } })).toEqual(new RemindGate('req-1', 2, 1));
    expect(approvalRouting.timerCommand!({ type: 'EscalateGate', payload: { requestId: 'req-1', round: 2, gateIndex: 1 } })).toEqual(new EscalateGate('req-1', 2, 1));
  });
});
