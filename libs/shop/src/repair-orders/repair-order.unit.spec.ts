import fc from 'fast-check';
import { DomainError } from '@workbay/eventstore';
import { given } from '@workbay/eventstore/testing';
import { clockedMinutesByTechnician, repairOrderDecider } from './repair-order.decider';
import { RepairOrderEvent, repairOrderStreamCategory } from './repair-order.events';
import { RepairOrderCommand } from './repair-order-commands.rules';
import {
  ClockStoppedBeforeStart,
  DuplicateRepairOrderLineId,
  InvalidRepairOrderField,
  NotAssignedTechnician,
  RepairOrderAlreadyOpened,
  RepairOrderLineCompleted,
  RepairOrderLinesRequired,
  RepairOrderNotFound,
  RepairOrderNotOpen,
  TechnicianAtOtherLocation,
  TechniciansRequired,
  UnknownRepairOrderLine,
  UserNotTechnician,
  WorkAlreadyStarted,
  WorkNotStarted,
} from './repair-order.errors';
import {
  assign, assigned, at, bothAssigned, bothCompleted, brakes, clock, complete, completed, inReview, open, opened, pads,
  returned, start, started, tara, vik, wipers,
} from './repair-order.fixtures';

const decider = repairOrderDecider;

describe('RepairOrder', () => {
  it("lives in the 'repair-order' stream category", () => {
    expect(repairOrderStreamCategory).toBe('repair-order');
  });

  describe('opening from an approved quote', () => {
    it('keeps exactly the approved lines as work and the declined ones as deferred recommendations with their follow-up date', () => {
      const state = given(decider).when(open()).then([opened]);
      expect(state).toMatchObject({ status: 'open', quoteId: 'q-1', locationId: 'loc-1', deferred: [wipers] });
      if (state.status === 'none') throw new Error('not opened');
      expect(state.lines.map((l) => [l.lineId, l.status, l.technicianIds])).toEqual([['l1', 'pending', []], ['l2', 'pending', []]]);
    });

    it('opens with no deferred lines when the whole quote was approved, and without a location while locations are not modelled', () => {
      given(decider).when(open({ deferred: [], locationId: null })).then([{ ...opened, data: { ...opened.data, deferred: [], locationId: null } }]);
    });

    it('upper-cases the currency and puts only the line values on the event', () => {
      const withExtras = { ...brakes, quoteId: 'q-1', internalNote: 'x' } as typeof brakes;
      given(decider).when(open({ currency: ' inr', lines: [withExtras, pads] })).then([opened]);
    });

    it('rejects opening a repair order twice with a conflict naming its state', () => {
      given(decider, [opened]).when(open())
        .thenThrows(RepairOrderAlreadyOpened, { code: 'REPAIR_ORDER_ALREADY_OPENED', kind: 'conflict', message: /is open/ });
    });

    it('rejects a repair order without approved lines', () => {
      given(decider).when(open({ lines: [] })).thenThrows(RepairOrderLinesRequired, { kind: 'rule', field: 'lines' });
    });

    it('rejects a line id used by both an approved and a deferred line, naming the second', () => {
      given(decider).when(open({ deferred: [{ ...wipers, lineId: 'l1' }] }))
        .thenThrows(DuplicateRepairOrderLineId, { code: 'REPAIR_ORDER_LINE_ID_DUPLICATE', field: 'deferred[0].lineId' });
    });

    it.each(['2025-02-30', '30/05/2025', '2025-05-30T00:00:00Z', '', '2025-03-01'])('rejects the follow-up date %p, naming the field', (followUpOn) => {
      given(decider).when(open({ deferred: [{ ...wipers, followUpOn }] }))
        .thenThrows(InvalidRepairOrderField, { code: 'REPAIR_ORDER_FIELD_INVALID', kind: 'rule', field: 'deferred[0].followUpOn' });
    });

    it.each(['2025-03-01 09:00:00', '2025-03-01T09:00:00+05:30', '2025-02-30T09:00:00.000Z', 'now'])('rejects the opening time %p as not ISO-8601 UTC', (openedAt) => {
      given(decider).when(open({ openedAt })).thenThrows(InvalidRepairOrderField, { field: 'openedAt' });
    });

    it('rejects an invalid currency and a blank quote id, naming the field', () => {
      given(decider).when(open({ currency: 'RUPEES' })).thenThrows(InvalidRepairOrderField, { field: 'currency' });
      // Shaped like a code but none: the invoice would refuse it at the end of the job.
      given(decider).when(open({ currency: 'ABC' })).thenThrows(InvalidRepairOrderField, { field: 'currency', message: /ISO 4217/ });
      given(decider).when(open({ quoteId: ' ' })).thenThrows(InvalidRepairOrderField, { field: 'quoteId' });
    });
  });

  describe('assigning technicians', () => {
    it('assigns one or more technicians to a line', () => {
      const state = given(decider, [opened]).when(assign('l1', [tara, vik])).then([assigned('l1', ['tech-tara', 'tech-vik'])]);
      expect(state.status !== 'none' && state.lines[0]).toMatchObject({ status: 'assigned', technicianIds: ['tech-tara', 'tech-vik'] });
    });

    it('reassigning replaces the set of technicians on that line only', () => {
      const state = given(decider, bothAssigned).when(assign('l1', [vik], '09:30')).then([assigned('l1', ['tech-vik'], '09:30')]);
      expect(state.status !== 'none' && state.lines.map((l) => l.technicianIds)).toEqual([['tech-vik'], ['tech-vik']]);
    });

    it('records nothing when the same technicians are assigned again, in any order', () => {
      given(decider, [opened, assigned('l1', ['tech-tara', 'tech-vik'])]).when(assign('l1', [vik, tara])).then([]);
    });

    it('stops the clock of a technician taken off a line at the reassignment, keeping the partner clocked in', () => {
      const history = [opened, assigned('l1', ['tech-tara', 'tech-vik']), started('l1', 'tech-tara', '10:00'), started('l1', 'tech-vik', '10:10')];
      const state = given(decider, history).when(assign('l1', [vik], '10:40'))
        .then([assigned('l1', ['tech-vik'], '10:40', [clock('tech-tara', '10:00', '10:40')])]);
      expect(state.status !== 'none' && state.lines[0]).toMatchObject({ status: 'in_progress', runningClocks: [{ technicianId: 'tech-vik' }] });
      expect(clockedMinutesByTechnician(state)).toEqual([{ lineId: 'l1', technicianId: 'tech-tara', minutes: 40 }]);
    });

    it('rejects a user without the technician role, naming the field', () => {
      given(decider, [opened]).when(assign('l1', [tara, { userId: 'asha', roles: ['service_advisor'], locationId: 'loc-1' }]))
        .thenThrows(UserNotTechnician, { code: 'USER_NOT_TECHNICIAN', kind: 'rule', field: 'technicians[1].roles', message: /asha/ });
    });

    it('rejects a technician of another location, or of none, when the repair order has a location', () => {
      given(decider, [opened]).when(assign('l1', [{ ...tara, locationId: 'loc-2' }]))
        .thenThrows(TechnicianAtOtherLocation, { code: 'TECHNICIAN_AT_OTHER_LOCATION', kind: 'rule', field: 'technicians[0].locationId', message: /loc-2/ });
      given(decider, [opened]).when(assign('l1', [{ ...tara, locationId: null }])).thenThrows(TechnicianAtOtherLocation, { field: 'technicians[0].locationId' });
    });

    it('accepts technicians of any location while the repair order has none', () => {
      const noLocation = { ...opened, data: { ...opened.data, locationId: null } };
      given(decider, [noLocation]).when(assign('l1', [{ ...tara, locationId: 'loc-9' }])).then([assigned('l1', ['tech-tara'])]);
    });

    it('rejects a line that is not on the repair order, such as a deferred one', () => {
      given(decider, [opened]).when(assign('l3', [tara]))
        .thenThrows(UnknownRepairOrderLine, { code: 'REPAIR_ORDER_LINE_UNKNOWN', kind: 'rule', field: 'lineId' });
    });

    it('rejects an empty set of technicians and a technician listed twice', () => {
      given(decider, [opened]).when(assign('l1', [])).thenThrows(TechniciansRequired, { field: 'technicians' });
      given(decider, [opened]).when(assign('l1', [tara, { ...tara }])).thenThrows(InvalidRepairOrderField, { field: 'technicians[1].userId' });
    });

    it('refuses to reassign a line whose work is completed, with a conflict naming the line state', () => {
      given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00'), completed('l1', 'tech-tara', '11:30', [clock('tech-tara', '10:00', '11:30')])])
        .when(assign('l1', [vik])).thenThrows(RepairOrderLineCompleted, { code: 'REPAIR_ORDER_LINE_COMPLETED', kind: 'conflict', message: /line l1 is completed/ });
    });

    it('refuses assignment once the repair order awaits review, naming its state', () => {
      given(decider, inReview).when(assign('l1', [vik]))
        .thenThrows(RepairOrderNotOpen, { code: 'REPAIR_ORDER_NOT_OPEN', kind: 'conflict', message: 'repair order is awaiting_review; assigning technicians needs an open repair order' });
    });

    it('reports a repair order that was never opened as not found', () => {
      given(decider).when(assign('l1', [tara])).thenThrows(RepairOrderNotFound, { code: 'REPAIR_ORDER_NOT_FOUND', kind: 'not-found' });
    });
  });

  describe('starting and completing work', () => {
    it('clocks an assigned technician in on the line', () => {
      const state = given(decider, bothAssigned).when(start('l1', 'tech-tara', '10:00')).then([started('l1', 'tech-tara', '10:00')]);
      expect(state.status !== 'none' && state.lines[0]).toMatchObject({ status: 'in_progress', runningClocks: [{ technicianId: 'tech-tara', startedAt: at('10:00') }] });
    });

    it('forbids a technician not assigned to the line from starting work on it (403)', () => {
      const error = given(decider, bothAssigned).when(start('l1', 'tech-vik', '10:00'))
        .thenThrows(NotAssignedTechnician, { code: 'NOT_ASSIGNED_TECHNICIAN', message: 'user tech-vik is not assigned to line l1' });
      expect(error.kind).toBe('forbidden');
    });

    it("forbids a technician from completing another technician's line (403)", () => {
      const error = given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00')]).when(complete('l1', 'tech-vik', '11:00'))
        .thenThrows(NotAssignedTechnician, { code: 'NOT_ASSIGNED_TECHNICIAN' });
      expect(error.kind).toBe('forbidden');
    });

    it('refuses to clock a technician in twice on the same line', () => {
      given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00')]).when(start('l1', 'tech-tara', '10:05'))
        .thenThrows(WorkAlreadyStarted, { code: 'WORK_ALREADY_STARTED', kind: 'conflict', message: /line l1 is in_progress/ });
    });

    it('refuses to complete a line nobody has started, naming the line state', () => {
      given(decider, bothAssigned).when(complete('l1', 'tech-tara', '10:00'))
        .thenThrows(WorkNotStarted, { code: 'WORK_NOT_STARTED', kind: 'conflict', message: 'line l1 is assigned; only a line in progress can be completed' });
    });

    it('completes the line and stops the clock of the technician who started it', () => {
      const state = given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00')]).when(complete('l1', 'tech-tara', '11:30'))
        .then([completed('l1', 'tech-tara', '11:30', [clock('tech-tara', '10:00', '11:30')])]);
      expect(state.status !== 'none' && state.lines[0]).toMatchObject({ status: 'completed', runningClocks: [], completedAt: at('11:30') });
    });

    it("stops every clock on the line when a partner completes it, the partner's own included", () => {
      const history = [opened, assigned('l1', ['tech-tara', 'tech-vik']), started('l1', 'tech-tara', '10:00'), started('l1', 'tech-vik', '10:30')];
      given(decider, history).when(complete('l1', 'tech-vik', '11:00'))
        .then([completed('l1', 'tech-vik', '11:00', [clock('tech-tara', '10:00', '11:00'), clock('tech-vik', '10:30', '11:00')])]);
    });

    it('lets an assigned partner complete a line only the other technician clocked in on', () => {
      const history = [opened, assigned('l1', ['tech-tara', 'tech-vik']), started('l1', 'tech-tara', '10:00')];
      given(decider, history).when(complete('l1', 'tech-vik', '10:20')).then([completed('l1', 'tech-vik', '10:20', [clock('tech-tara', '10:00', '10:20')])]);
    });

    it('refuses a completion time before a running clock started, so clocked time is never negative', () => {
      given(decider, [...bothAssigned, started('l1', 'tech-tara', '10:00')]).when(complete('l1', 'tech-tara', '09:59'))
        .thenThrows(ClockStoppedBeforeStart, { code: 'CLOCK_STOPPED_BEFORE_START', kind: 'rule', field: 'completedAt' });
    });

    it('refuses to start or complete a completed line, naming the line state', () => {
      given(decider, bothCompleted).when(start('l1', 'tech-tara', '11:45')).thenThrows(RepairOrderLineCompleted, { message: /line l1 is completed/ });
      given(decider, bothCompleted).when(complete('l1', 'tech-tara', '11:45')).thenThrows(RepairOrderLineCompleted, { message: /line l1 is completed/ });
    });
  });

  describe('clocked time per technician', () => {
    it('sums closed clock intervals per technician per line, in line order', () => {
      expect(clockedMinutesByTechnician(given(decider, bothCompleted).state)).toEqual([
        { lineId: 'l1', technicianId: 'tech-tara', minutes: 90 },
        { lineId: 'l2', technicianId: 'tech-vik', minutes: 30 },
      ]);
    });

    it('adds the time of a returned line worked again, and ignores clocks still running', () => {
      const history = [
        ...inReview, returned('l1', 'pads squeal', '12:10'), started('l1', 'tech-tara', '13:00'),
        completed('l1', 'tech-tara', '13:15', [clock('tech-tara', '13:00', '13:15')]), started('l1', 'tech-tara', '13:20'),
      ];
      expect(clockedMinutesByTechnician(given(decider, history).state)).toEqual([
        { lineId: 'l1', technicianId: 'tech-tara', minutes: 105 },
        { lineId: 'l2', technicianId: 'tech-vik', minutes: 30 },
      ]);
    });

    it('is empty for a repair order never opened and counts fractions of minutes exactly', () => {
      expect(clockedMinutesByTechnician(given(decider).state)).toEqual([]);
      const halfPast = '2025-03-01T10:00:30.000Z';
      const clockedIn = { ...started('l1', 'tech-tara', '10:00'), data: { ...started('l1', 'tech-tara', '10:00').data, startedAt: halfPast } };
      const done = completed('l1', 'tech-tara', '10:01', [{ technicianId: 'tech-tara', startedAt: halfPast, stoppedAt: at('10:01') }]);
      expect(clockedMinutesByTechnician(given(decider, [...bothAssigned, clockedIn, done]).state))
        .toEqual([{ lineId: 'l1', technicianId: 'tech-tara', minutes: 0.5 }]);
    });

    const technicians = ['tech-a', 'tech-b', 'tech-c'].map((userId) => ({ userId, roles: ['technician'], locationId: 'loc-1' }));
    const lineIndex = fc.integer({ min: 0, max: 1 });
    const techIndex = fc.integer({ min: 0, max: 2 });
    const step = fc.tuple(
      fc.oneof(
        { weight: 2, arbitrary: fc.record({ type: fc.constant('AssignTechnician' as const), line: lineIndex, who: fc.subarray([0, 1, 2], { minLength: 1 }) }) },
        { weight: 4, arbitrary: fc.record({ type: fc.constant('StartWork' as const), line: lineIndex, who: techIndex }) },
        { weight: 3, arbitrary: fc.record({ type: fc.constant('CompleteWork' as const), line: lineIndex, who: techIndex }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('RequestAdvisorReview' as const, 'ApproveWork' as const) }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('ReturnWork' as const), line: lineIndex }) },
      ),
      fc.integer({ min: -30, max: 90 }), // minutes the clock moves; sometimes backwards, as a skewed clock would
    );

    it('never gives negative minutes, and per-technician totals add up to the clock intervals on the events, for any sequence of commands', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 80, size: 'max' }), (steps) => {
          let time = Date.parse(at('09:00'));
          let state = given(decider, [opened]).state;
          const events: RepairOrderEvent[] = [];
          for (const [s, minutes] of steps) {
            time += minutes * 60_000;
            const now = new Date(time).toISOString();
            const lineId = 'line' in s ? ['l1', 'l2'][s.line] : 'l1';
            const command: RepairOrderCommand =
              s.type === 'AssignTechnician' ? { type: s.type, lineId, technicians: s.who.map((i) => technicians[i]), assignedAt: now, actor: 'adv' }
                : s.type === 'StartWork' ? { type: s.type, lineId, startedAt: now, actor: technicians[s.who].userId }
                  : s.type === 'CompleteWork' ? { type: s.type, lineId, completedAt: now, actor: technicians[s.who].userId }
                    : s.type === 'RequestAdvisorReview' ? { type: s.type, requestedAt: now, actor: 'tech-a' }
                      : s.type === 'ApproveWork' ? { type: s.type, approvedAt: now, actor: 'adv', actorRoles: ['service_advisor'] }
                        : { type: s.type, lines: [{ lineId, reason: 'again' }], returnedAt: now, actor: 'adv', actorRoles: ['service_advisor'] };
            try {
              const produced = decider.decide(command, state);
              events.push(...produced);
              state = produced.reduce(decider.evolve, state);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          }
          const intervals = events.flatMap((e) => (e.type === 'WorkCompleted' || e.type === 'TechnicianAssigned' ? e.data.stoppedClocks : []));
          for (const i of intervals) expect(Date.parse(i.stoppedAt)).toBeGreaterThanOrEqual(Date.parse(i.startedAt));
          const clocked = clockedMinutesByTechnician(state);
          for (const { minutes } of clocked) expect(minutes).toBeGreaterThanOrEqual(0);
          for (const id of technicians.map((t) => t.userId)) {
            const fromEvents = intervals.filter((i) => i.technicianId === id).reduce((sum, i) => sum + Date.parse(i.stoppedAt) - Date.parse(i.startedAt), 0);
            const fromHelper = clocked.filter((c) => c.technicianId === id).reduce((sum, c) => sum + c.minutes * 60_000, 0);
            expect(fromHelper).toBeCloseTo(fromEvents, 3);
          }
          if (state.status === 'none') throw new Error('the repair order vanished');
          for (const line of state.lines) {
            expect(line.status === 'completed').toBe(line.completedAt !== null);
            if (line.status === 'completed') expect(line.runningClocks).toEqual([]);
            for (const running of line.runningClocks) expect(line.technicianIds).toContain(running.technicianId);
          }
        }),
      );
    });
  });
});
