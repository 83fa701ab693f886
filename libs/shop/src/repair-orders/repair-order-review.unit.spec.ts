import { given } from '@workbay/eventstore/testing';
import { repairOrderDecider } from './repair-order.decider';
import {
  InvalidRepairOrderField,
  RepairOrderLinesNotCompleted,
  RepairOrderNotAwaitingReview,
  RepairOrderNotFound,
  RepairOrderNotOpen,
  ReturnReasonRequired,
  ReviewerRoleRequired,
  UnknownRepairOrderLine,
} from './repair-order.errors';
import {
  approve, approved, assign, at, bothAssigned, bothCompleted, clock, complete, completed, inReview, opened, requestReview,
  returned, returnWork, reviewRequested, start, started, vik,
} from './repair-order.fixtures';

const decider = repairOrderDecider;

describe('RepairOrder review', () => {
  describe('requesting advisor review', () => {
    it('requests review once every line is completed', () => {
      const state = given(decider, bothCompleted).when(requestReview('12:00')).then([reviewRequested('12:00')]);
      expect(state).toMatchObject({ status: 'awaiting_review', reviewRequestedAt: at('12:00') });
    });

    it('refuses review while a line is not completed, naming each unfinished line and its state', () => {
      const error = given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00')]).when(requestReview('10:30'))
        .thenThrows(RepairOrderLinesNotCompleted, {
          code: 'REPAIR_ORDER_LINES_NOT_COMPLETED', kind: 'conflict', message: 'not every line is completed: line l1 is in_progress, line l2 is assigned',
        });
      expect(error.lines).toEqual([{ lineId: 'l1', status: 'in_progress' }, { lineId: 'l2', status: 'assigned' }]);
      given(decider, [opened]).when(requestReview('10:30')).thenThrows(RepairOrderLinesNotCompleted, { message: /line l1 is pending/ });
    });

    it('refuses to request review twice, naming the state', () => {
      given(decider, inReview).when(requestReview('12:05'))
        .thenThrows(RepairOrderNotOpen, { message: 'repair order is awaiting_review; requesting review needs an open repair order' });
    });
  });

  describe('returning work', () => {
    it('returns a line with a reason, reopening that line for its technicians and the repair order', () => {
      const state = given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: ' Pads squeal on braking ' }], '12:10'))
        .then([returned('l1', 'Pads squeal on braking', '12:10')]);
      expect(state.status).toBe('open');
      expect(state).not.toHaveProperty('reviewRequestedAt');
      if (state.status === 'none') throw new Error('not opened');
      expect(state.lines[0]).toMatchObject({
        status: 'assigned', technicianIds: ['tech-tara'], completedAt: null, returns: [{ reason: 'Pads squeal on braking', returnedAt: at('12:10') }],
      });
      expect(state.lines[1]).toMatchObject({ status: 'completed' });
    });

    it('returns several lines in one decision, each with its own reason', () => {
      const state = given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: 'squeal' }, { lineId: 'l2', reason: 'wrong part' }], '12:10'))
        .then([returned('l1', 'squeal', '12:10'), returned('l2', 'wrong part', '12:10')]);
      expect(state.status !== 'none' && state.lines.map((l) => l.status)).toEqual(['assigned', 'assigned']);
    });

    it('lets the technician work a returned line again and request review again', () => {
      const history = [...inReview, returned('l1', 'squeal', '12:10')];
      given(decider, history).when(start('l1', 'tech-tara', '13:00')).then([started('l1', 'tech-tara', '13:00')]);
      given(decider, history).when(requestReview('12:30')).thenThrows(RepairOrderLinesNotCompleted, { message: 'not every line is completed: line l1 is assigned' });
      given(decider, history).when(assign('l1', [vik], '12:20')).then([
        { type: 'TechnicianAssigned', data: { repairOrderId: 'ro-1', lineId: 'l1', technicianIds: ['tech-vik'], assignedAt: at('12:20'), stoppedClocks: [] } },
      ]);
    });

    it('rejects a return without a reason, of an unknown line, of no line, or of a line twice, naming the field', () => {
      given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: '  ' }], '12:10'))
        .thenThrows(ReturnReasonRequired, { code: 'RETURN_REASON_REQUIRED', kind: 'rule', field: 'lines[0].reason' });
      given(decider, inReview).when(returnWork([{ lineId: 'l3', reason: 'x' }], '12:10')).thenThrows(UnknownRepairOrderLine, { field: 'lines[0].lineId' });
      given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: 'r'.repeat(501) }], '12:10'))
        .thenThrows(InvalidRepairOrderField, { field: 'lines[0].reason', message: /at most 500 characters/ });
      given(decider, inReview).when(returnWork([], '12:10')).thenThrows(InvalidRepairOrderField, { field: 'lines' });
      given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: 'a' }, { lineId: 'l1', reason: 'b' }], '12:10'))
        .thenThrows(InvalidRepairOrderField, { field: 'lines[1].lineId' });
    });

    it('forbids a technician from returning work (403): it is the advisor who reviews', () => {
      const error = given(decider, inReview).when(returnWork([{ lineId: 'l1', reason: 'redo' }], '12:10', ['technician']))
        .thenThrows(ReviewerRoleRequired, { code: 'REVIEWER_ROLE_REQUIRED', message: /advisor-asha cannot return work/ });
      expect(error.kind).toBe('forbidden');
    });

    it.each([
      ['open', bothCompleted],
      ['approved', [...inReview, approved('12:30')]],
    ] as const)('refuses to return work of an %s repair order with a conflict naming the state', (status, history) => {
      given(decider, [...history]).when(returnWork([{ lineId: 'l1', reason: 'redo' }], '13:00')).thenThrows(RepairOrderNotAwaitingReview, {
        code: 'REPAIR_ORDER_NOT_AWAITING_REVIEW', kind: 'conflict', message: `repair order is ${status}; returning work needs a repair order awaiting review`,
      });
    });
  });

  describe('approving work', () => {
    it('approves a repair order awaiting review: it is ready to invoice', () => {
      const state = given(decider, inReview).when(approve('12:30')).then([approved('12:30')]);
      expect(state).toMatchObject({ status: 'approved', approvedAt: at('12:30'), reviewRequestedAt: at('12:00') });
    });

    it('approves after the advisor returned one line and it was completed and put up for review again', () => {
      const history = [
        ...inReview, returned('l1', 'squeal', '12:10'), started('l1', 'tech-tara', '13:00'),
        completed('l1', 'tech-tara', '13:20', [clock('tech-tara', '13:00', '13:20')]),
      ];
      given(decider, history).when(approve('13:25')).thenThrows(RepairOrderNotAwaitingReview, { message: /repair order is open/ });
      const state = given(decider, [...history, reviewRequested('13:30')]).when(approve('13:40')).then([approved('13:40')]);
      expect(state.status !== 'none' && state.lines[0].returns).toHaveLength(1);
    });

    it.each(['service_advisor', 'manager', 'admin', 'owner'])('lets a %s approve work', (role) => {
      given(decider, inReview).when(approve('12:30', ['technician', role])).then([approved('12:30')]);
    });

    it.each([[['technician']], [['front_desk', 'finance']], [[]]])('forbids approval by a user with roles %p (403)', (roles) => {
      const error = given(decider, inReview).when(approve('12:30', roles)).thenThrows(ReviewerRoleRequired, { code: 'REVIEWER_ROLE_REQUIRED' });
      expect(error.kind).toBe('forbidden');
    });

    it.each([
      ['open', bothCompleted],
      ['approved', [...inReview, approved('12:30')]],
    ] as const)('refuses to approve an %s repair order with a conflict naming the state', (status, history) => {
      given(decider, [...history]).when(approve('13:00')).thenThrows(RepairOrderNotAwaitingReview, {
        kind: 'conflict', message: `repair order is ${status}; approving work needs a repair order awaiting review`,
      });
    });

    it('refuses any floor work on an approved repair order, naming the state', () => {
      const done = [...inReview, approved('12:30')];
      given(decider, done).when(start('l1', 'tech-tara', '13:00')).thenThrows(RepairOrderNotOpen, { message: /^repair order is approved; starting work/ });
      given(decider, done).when(complete('l1', 'tech-tara', '13:00')).thenThrows(RepairOrderNotOpen, { message: /^repair order is approved; completing work/ });
      given(decider, done).when(requestReview('13:00')).thenThrows(RepairOrderNotOpen, { message: /^repair order is approved/ });
    });

    it('reports review commands on a repair order never opened as not found', () => {
      given(decider).when(approve('12:30')).thenThrows(RepairOrderNotFound, { kind: 'not-found' });
      given(decider).when(returnWork([{ lineId: 'l1', reason: 'x' }], '12:30')).thenThrows(RepairOrderNotFound, { kind: 'not-found' });
    });
  });

  it('ignores events that do not fit the state instead of throwing', () => {
    expect(given(decider, [started('l1', 'tech-tara', '10:00'), approved('12:00')]).state).toEqual({ status: 'none' });
    expect(given(decider, [...bothAssigned, approved('12:00'), returned('l1', 'x', '12:00'), opened]).state).toMatchObject({ status: 'open' });
    expect(given(decider, [...inReview, started('l1', 'tech-tara', '12:05'), completed('l1', 'tech-tara', '12:05', [])]).state)
      .toEqual(given(decider, inReview).state);
  });
});
