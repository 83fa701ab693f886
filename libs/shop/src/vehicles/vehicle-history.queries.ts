import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { abilityFor, AppAbility, NotFoundError, RequestContext, TenantDb, visibleTo } from '@workbay/platform';
import { balanceDueMinor, ExistingInvoice } from '../invoices/invoice.decider';
import { clockedMinutesOfLines } from '../repair-orders/repair-order-lines.rules';
import { HistoryVehicleRow, ServiceVisitRow } from './vehicle-history.entities';
import { ServiceInvoiceView, ServiceVisitView, VehicleHistoryView } from './vehicle.dto';

export const VEHICLE_HISTORY = 'shop.vehicle-history';

/** A vehicle's service history: every repair order, newest first, with lines, technicians, mileage and invoice. */
export class VehicleHistory extends Query<VehicleHistoryView> {
  constructor(readonly vehicleId: string) {
    super();
  }
}

function invoiceView(invoice: ExistingInvoice | null): ServiceInvoiceView | null {
  if (!invoice) return null;
  return {
    invoiceId: invoice.invoiceId, number: invoice.number, status: invoice.status, currency: invoice.currency,
    grandTotalMinor: invoice.grandTotal.amountMinor, taxTotalMinor: invoice.taxTotal.amountMinor, paidMinor: invoice.paidMinor,
    balanceDueMinor: invoice.status === 'void' ? 0 : Math.max(0, balanceDueMinor(invoice)), issuedAt: invoice.issuedAt, paidAt: invoice.paidAt,
  };
}

/** `reader`: the invoice part is shown only to whom may read the invoice itself (technicians get null). */
export function serviceVisitView(row: Pick<ServiceVisitRow, 'repairOrder' | 'invoice' | 'mileageAtIntake'>, reader: AppAbility): ServiceVisitView {
  const ro = row.repairOrder;
  const clocked = clockedMinutesOfLines(ro.lines);
  return {
    repairOrderId: ro.repairOrderId, quoteId: ro.quoteId, locationId: ro.locationId, status: ro.status, openedAt: ro.openedAt,
    approvedAt: ro.status === 'approved' ? ro.approvedAt : null, mileageAtIntake: row.mileageAtIntake, currency: ro.currency,
    lines: ro.lines.map((line) => ({
      lineId: line.lineId, kind: line.kind, description: line.description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor,
      status: line.status, technicianIds: line.technicianIds, returns: line.returns.length,
      clocked: clocked.filter((c) => c.lineId === line.lineId).map(({ technicianId, minutes }) => ({ technicianId, minutes })),
    })),
    deferred: ro.deferred.map(({ lineId, description, unitPriceMinor, quantity, followUpOn }) => ({ lineId, description, unitPriceMinor, quantity, followUpOn })),
    invoice: visibleTo(reader, 'Invoice', invoiceView(row.invoice)),
  };
}

@QueryHandler(VehicleHistory)
export class VehicleHistoryHandler implements IQueryHandler<VehicleHistory> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ vehicleId }: VehicleHistory): Promise<VehicleHistoryView> {
    const reader = abilityFor(this.context.principal);
    return this.db.run(async (em) => {
      const vehicle = await em.findOne(HistoryVehicleRow, { vehicleId });
      if (!vehicle) throw new NotFoundError('vehicle', vehicleId);
      const visits = await em.find(ServiceVisitRow, { vehicleId }, { orderBy: { openedAt: 'desc', repairOrderId: 'desc' } });
      return {
        vehicleId, customerId: vehicle.customerId, vin: vehicle.vin, year: vehicle.year, make: vehicle.make, model: vehicle.model,
        mileage: vehicle.mileage, visits: visits.map((visit) => serviceVisitView(visit, reader)),
      };
    });
  }
}
