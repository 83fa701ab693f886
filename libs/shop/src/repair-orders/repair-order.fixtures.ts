/**
 * Commands and events for the repair order unit specs (not used by production code). One
 * morning at the shop: brakes (l1) and pads (l2) approved, wipers (l3) declined and deferred.
 */
import { QuoteLine } from '../quotes/quote.events';
import {
  AdvisorReviewRequested,
  ClockInterval,
  DeferredRecommendation,
  RepairOrderEvent,
  RepairOrderOpened,
  TechnicianAssigned,
  WorkApproved,
  WorkCompleted,
  WorkReturned,
  WorkStarted,
} from './repair-order.events';
import {
  ApproveWork,
  AssignTechnician,
  CompleteWork,
  OpenRepairOrder,
  RequestAdvisorReview,
  ReturnWork,
  StartWork,
} from './repair-order-commands.rules';
import { TechnicianCandidate } from './repair-order-lines.rules';

/** 'HH:MM' on the shop's day, as the Clock provider would give it. */
export const at = (hhmm: string): string => `2025-03-01T${hhmm}:00.000Z`;
const ro = { repairOrderId: 'ro-1' };

export const brakes: QuoteLine = { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
export const pads: QuoteLine = { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
export const wipers: DeferredRecommendation = {
  lineId: 'l3', kind: 'part', description: 'Wiper blades', quantity: 2, unitPriceMinor: 45_000, taxable: true, followUpOn: '2025-05-30',
};

export const tara: TechnicianCandidate = { userId: 'tech-tara', roles: ['technician'], locationId: 'loc-1' };
export const vik: TechnicianCandidate = { userId: 'tech-vik', roles: ['technician', 'front_desk'], locationId: 'loc-1' };
export const advisorRoles = ['service_advisor'];

export const open = (overrides: Partial<OpenRepairOrder> = {}): OpenRepairOrder => ({
  type: 'OpenRepairOrder', ...ro, quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR',
  lines: [brakes, pads], deferred: [wipers], openedAt: at('09:00'), actor: 'system:quote-approval', ...overrides,
});
export const opened: RepairOrderOpened = {
  type: 'RepairOrderOpened',
  data: { ...ro, quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR', lines: [brakes, pads], deferred: [wipers], openedAt: at('09:00') },
};

export const assign = (lineId: string, technicians: TechnicianCandidate[], time = '09:05'): AssignTechnician => ({
  type: 'AssignTechnician', lineId, technicians, assignedAt: at(time), actor: 'advisor-asha',
});
export const assigned = (lineId: string, technicianIds: string[], time = '09:05', stoppedClocks: ClockInterval[] = []): TechnicianAssigned => ({
  type: 'TechnicianAssigned', data: { ...ro, lineId, technicianIds, assignedAt: at(time), stoppedClocks },
});

export const clock = (technicianId: string, from: string, to: string): ClockInterval => ({ technicianId, startedAt: at(from), stoppedAt: at(to) });

export const start = (lineId: string, actor: string, time: string): StartWork => ({ type: 'StartWork', lineId, startedAt: at(time), actor });
export const started = (lineId: string, technicianId: string, time: string): WorkStarted => ({
  type: 'WorkStarted', data: { ...ro, lineId, technicianId, startedAt: at(time) },
});

export const complete = (lineId: string, actor: string, time: string): CompleteWork => ({ type: 'CompleteWork', lineId, completedAt: at(time), actor });
export const completed = (lineId: string, technicianId: string, time: string, stoppedClocks: ClockInterval[]): WorkCompleted => ({
  type: 'WorkCompleted', data: { ...ro, lineId, technicianId, completedAt: at(time), stoppedClocks },
});

export const requestReview = (time: string): RequestAdvisorReview => ({ type: 'RequestAdvisorReview', requestedAt: at(time), actor: 'tech-tara' });
export const reviewRequested = (time: string): AdvisorReviewRequested => ({ type: 'AdvisorReviewRequested', data: { ...ro, requestedAt: at(time) } });

export const returnWork = (lines: ReturnWork['lines'], time: string, actorRoles = advisorRoles): ReturnWork => ({
  type: 'ReturnWork', lines, returnedAt: at(time), actor: 'advisor-asha', actorRoles,
});
export const returned = (lineId: string, reason: string, time: string): WorkReturned => ({
  type: 'WorkReturned', data: { ...ro, lineId, reason, returnedAt: at(time) },
});

export const approve = (time: string, actorRoles = advisorRoles): ApproveWork => ({ type: 'ApproveWork', approvedAt: at(time), actor: 'advisor-asha', actorRoles });
export const approved = (time: string): WorkApproved => ({ type: 'WorkApproved', data: { ...ro, approvedAt: at(time) } });

/** Tara on the brakes, Vik on the pads. */
export const bothAssigned: RepairOrderEvent[] = [opened, assigned('l1', ['tech-tara']), assigned('l2', ['tech-vik'])];

/** Tara clocks 10:00-11:30 on l1 (90 min), Vik 10:15-10:45 on l2 (30 min); both lines completed. */
export const bothCompleted: RepairOrderEvent[] = [
  ...bothAssigned,
  started('l1', 'tech-tara', '10:00'),
  started('l2', 'tech-vik', '10:15'),
  completed('l2', 'tech-vik', '10:45', [clock('tech-vik', '10:15', '10:45')]),
  completed('l1', 'tech-tara', '11:30', [clock('tech-tara', '10:00', '11:30')]),
];

export const inReview: RepairOrderEvent[] = [...bothCompleted, reviewRequested('12:00')];
