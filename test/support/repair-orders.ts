import { randomUUID } from 'node:crypto';
import { AggregateStore, RequestContext } from '@workbay/platform';
import { QuoteLine, RepairOrderCommand, repairOrderDecider, repairOrderStreamCategory } from '../../libs/shop/src/domain';
import { Platform } from './platform-harness';
import { ShopClient } from './shop-client';

// Labor 1.5 h x 1,200.00 = 1,800.00 and pads 3,500.00 taxable; fluid 0.75 x 450.50 = 337.88 (half-up) untaxed. In paise.
export const RO_LINES: QuoteLine[] = [
  { lineId: 'line-1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true },
  { lineId: 'line-2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true },
  { lineId: 'line-3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false },
];

/**
 * A repair order worked (and, unless told otherwise, approved), driven through the repair order's
 * own decider as the system would, for tests of what comes after the floor work: opened at
 * `location`, each line assigned, clocked and completed by one technician, review requested and
 * approved. The vehicle is the given one or a new customer's.
 */
export async function workedRepairOrder(
  platform: Platform,
  client: ShopClient,
  location: string | null,
  options: { approve?: boolean; vehicle?: { customerId: string; vehicleId: string }; lines?: QuoteLine[]; currency?: string } = {},
): Promise<string> {
  const lines = options.lines ?? RO_LINES;
  const { customerId, vehicleId } = options.vehicle ?? (await client.customerWithVehicle());
  const aggregates = platform.app.get(AggregateStore);
  const context = platform.app.get(RequestContext);
  const repairOrderId = randomUUID();
  const now = () => new Date().toISOString();
  // Ids as the read models store them (uuids); the users need not exist for the decider.
  const tech = { userId: randomUUID(), roles: ['technician'], locationId: location ?? randomUUID() };
  const advisor = randomUUID();
  const steps: RepairOrderCommand[] = [
    {
      type: 'OpenRepairOrder', repairOrderId, quoteId: randomUUID(), customerId, vehicleId, locationId: location, currency: options.currency ?? 'INR', lines,
      deferred: [], openedAt: now(), actor: 'system:test',
    },
    ...lines.flatMap((l): RepairOrderCommand[] => [
      { type: 'AssignTechnician', lineId: l.lineId, technicians: [tech], assignedAt: now(), actor: advisor },
      { type: 'StartWork', lineId: l.lineId, startedAt: now(), actor: tech.userId },
      { type: 'CompleteWork', lineId: l.lineId, completedAt: now(), actor: tech.userId },
    ]),
    ...(options.approve === false ? [] : [
      { type: 'RequestAdvisorReview', requestedAt: now(), actor: tech.userId },
      { type: 'ApproveWork', approvedAt: now(), actor: advisor, actorRoles: ['service_advisor'] },
    ] satisfies RepairOrderCommand[]),
  ];
  await context.runAsSystemFor(client.tenantId, { actor: 'system:test' }, async () => {
    for (const step of steps) await aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, step);
  });
  return repairOrderId;
}

/**
 * Works and approves a repair order the process manager opened (from an approved quote), through
 * the repair order's own decider as in workedRepairOrder: for tests of what the quote carried.
 */
export async function workOpenedRepairOrder(platform: Platform, client: ShopClient, repairOrderId: string, location: string): Promise<void> {
  const aggregates = platform.app.get(AggregateStore);
  const context = platform.app.get(RequestContext);
  const now = () => new Date().toISOString();
  const tech = { userId: randomUUID(), roles: ['technician'], locationId: location };
  const advisor = randomUUID();
  await context.runAsSystemFor(client.tenantId, { actor: 'system:test' }, async () => {
    const { state } = await aggregates.load(repairOrderDecider, repairOrderStreamCategory, repairOrderId);
    if (state.status === 'none') throw new Error(`no repair order ${repairOrderId}`);
    const steps: RepairOrderCommand[] = [
      ...state.lines.flatMap((l): RepairOrderCommand[] => [
        { type: 'AssignTechnician', lineId: l.lineId, technicians: [tech], assignedAt: now(), actor: advisor },
        { type: 'StartWork', lineId: l.lineId, startedAt: now(), actor: tech.userId },
        { type: 'CompleteWork', lineId: l.lineId, completedAt: now(), actor: tech.userId },
      ]),
      { type: 'RequestAdvisorReview', requestedAt: now(), actor: tech.userId },
      { type: 'ApproveWork', approvedAt: now(), actor: advisor, actorRoles: ['service_advisor'] },
    ];
    for (const step of steps) await aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, step);
  });
}
