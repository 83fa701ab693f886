import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { InvoiceEvent } from '../invoices/invoice.events';
import type { LocationEvent } from '../locations/location.events';
import { lineTotalMinor } from '../quotes/quote-totals.rules';
import type { QuoteEvent, QuoteLine } from '../quotes/quote.events';
import type { ClockInterval, RepairOrderEvent } from '../repair-orders/repair-order.events';
import { clockedMs, localDay, nextRepairOrderStatus, quoteOutcome, RepairOrderStatus, soldHoursShare } from './dashboard.rules';

export const SHOP_DASHBOARDS = 'shop.dashboards';

type DashboardEvent = LocationEvent | QuoteEvent | RepairOrderEvent | InvoiceEvent;

const subtotal = (lines: QuoteLine[]) => lines.reduce((sum, line) => sum + lineTotalMinor(line), 0);

/** The location's time zone as of this event (null = no location: days are UTC). */
async function timezoneOf(em: EntityManager, tenantId: string, locationId: string | null | undefined): Promise<string | null> {
  if (!locationId) return null;
  const [row] = await em.execute(`select timezone from shop.dashboard_location_timezones where tenant_id = ? and location_id = ?`, [tenantId, locationId]);
  return (row?.timezone as string | undefined) ?? null;
}

interface RepairOrderRef {
  locationId: string | null;
  timezone: string | null;
  status: RepairOrderStatus;
}

async function repairOrder(em: EntityManager, tenantId: string, repairOrderId: string): Promise<RepairOrderRef | null> {
  const [row] = await em.execute(
    `select location_id, status from shop.dashboard_repair_orders where tenant_id = ? and repair_order_id = ?`, [tenantId, repairOrderId],
  );
  if (!row) return null;
  const locationId = (row.location_id as string | null) ?? null;
  return { locationId, status: row.status as RepairOrderStatus, timezone: await timezoneOf(em, tenantId, locationId) };
}

async function moveStatus(em: EntityManager, stored: StoredEvent, repairOrderId: string): Promise<void> {
  const ro = await repairOrder(em, stored.tenantId, repairOrderId);
  if (!ro) return;
  const next = nextRepairOrderStatus(ro.status, stored.type);
  if (next === ro.status) return;
  await em.execute(`update shop.dashboard_repair_orders set status = ?, updated_at = ? where tenant_id = ? and repair_order_id = ?`,
    [next, stored.recordedAt, stored.tenantId, repairOrderId]);
}

/** Adds to one technician's figures for one local day at one location. */
async function addTechnicianDay(
  em: EntityManager, tenantId: string, technicianId: string, day: string, locationId: string | null,
  add: { linesCompleted?: number; clockedMs?: number; soldHours?: number },
): Promise<void> {
  await em.execute(
    `insert into shop.dashboard_technician_days (tenant_id, technician_id, day, location_id, lines_completed, clocked_ms, sold_hours)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, technician_id, day, location_id) do update set
       lines_completed = shop.dashboard_technician_days.lines_completed + excluded.lines_completed,
       clocked_ms = shop.dashboard_technician_days.clocked_ms + excluded.clocked_ms,
       sold_hours = shop.dashboard_technician_days.sold_hours + excluded.sold_hours`,
    [tenantId, technicianId, day, locationId, add.linesCompleted ?? 0, add.clockedMs ?? 0, add.soldHours ?? 0],
  );
}

/** Clocked time counts on the local day the clock stopped. */
async function addClocks(em: EntityManager, tenantId: string, ro: RepairOrderRef, clocks: ClockInterval[]): Promise<void> {
  for (const clock of clocks) {
    await addTechnicianDay(em, tenantId, clock.technicianId, localDay(clock.stoppedAt, ro.timezone), ro.locationId, { clockedMs: clockedMs(clock) });
  }
}

async function addRevenue(
  em: EntityManager, tenantId: string, day: string, locationId: string | null, currency: string,
  add: { invoices?: number; invoicedMinor?: number; taxMinor?: number; collectedMinor?: number },
): Promise<void> {
  await em.execute(
    `insert into shop.dashboard_revenue_days (tenant_id, day, location_id, currency, invoice_count, invoiced_minor, tax_minor, collected_minor)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, day, location_id, currency) do update set
       invoice_count = shop.dashboard_revenue_days.invoice_count + excluded.invoice_count,
       invoiced_minor = shop.dashboard_revenue_days.invoiced_minor + excluded.invoiced_minor,
       tax_minor = shop.dashboard_revenue_days.tax_minor + excluded.tax_minor,
       collected_minor = shop.dashboard_revenue_days.collected_minor + excluded.collected_minor`,
    [tenantId, day, locationId, currency, add.invoices ?? 0, add.invoicedMinor ?? 0, add.taxMinor ?? 0, add.collectedMinor ?? 0],
  );
}

interface InvoiceRef {
  locationId: string | null;
  currency: string;
  timezone: string | null;
  issuedDay: string;
  grandTotalMinor: number;
  taxTotalMinor: number;
  voided: boolean;
}

async function invoice(em: EntityManager, tenantId: string, invoiceId: string): Promise<InvoiceRef | null> {
  const [row] = await em.execute(
    `select location_id, currency, to_char(issued_day, 'YYYY-MM-DD') as issued_day, grand_total_minor, tax_total_minor, voided
     from shop.dashboard_invoices where tenant_id = ? and invoice_id = ?`, [tenantId, invoiceId],
  );
  if (!row) return null;
  const locationId = (row.location_id as string | null) ?? null;
  return {
    locationId, currency: String(row.currency).trim(), timezone: await timezoneOf(em, tenantId, locationId), issuedDay: row.issued_day as string,
    grandTotalMinor: Number(row.grand_total_minor), taxTotalMinor: Number(row.tax_total_minor), voided: row.voided as boolean,
  };
}

async function applyRepairOrder(em: EntityManager, stored: StoredEvent, event: RepairOrderEvent): Promise<void> {
  const t = stored.tenantId;
  switch (event.type) {
    case 'RepairOrderOpened': {
      const d = event.data;
      if (await repairOrder(em, t, d.repairOrderId)) return;
      await em.execute(
        `insert into shop.dashboard_repair_orders (tenant_id, repair_order_id, location_id, status, opened_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
        [t, d.repairOrderId, d.locationId ?? null, nextRepairOrderStatus('none', event.type), d.openedAt, stored.recordedAt],
      );
      for (const line of d.lines) {
        await em.execute(
          `insert into shop.dashboard_repair_order_lines (tenant_id, repair_order_id, line_id, location_id, kind, quantity)
           values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, repair_order_id, line_id) do nothing`,
          [t, d.repairOrderId, line.lineId, d.locationId ?? null, line.kind, line.quantity],
        );
      }
      return;
    }
    case 'TechnicianAssigned': {
      const d = event.data;
      const ro = await repairOrder(em, t, d.repairOrderId);
      if (!ro) return;
      await em.execute(
        `update shop.dashboard_repair_order_lines set technician_ids = ?::jsonb where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [JSON.stringify(d.technicianIds), t, d.repairOrderId, d.lineId],
      );
      await addClocks(em, t, ro, d.stoppedClocks);
      return;
    }
    case 'WorkCompleted': {
      const d = event.data;
      const ro = await repairOrder(em, t, d.repairOrderId);
      if (!ro) return;
      await addClocks(em, t, ro, d.stoppedClocks);
      const [line] = await em.execute(
        `select kind, quantity, technician_ids, completed from shop.dashboard_repair_order_lines where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [t, d.repairOrderId, d.lineId],
      );
      if (!line || line.completed) return;
      const assigned = line.technician_ids as string[];
      const technicians = assigned.length > 0 ? assigned : [d.technicianId];
      const share = soldHoursShare({ kind: line.kind as string, quantity: Number(line.quantity) }, technicians.length);
      const day = localDay(d.completedAt, ro.timezone);
      for (const technicianId of technicians) {
        await addTechnicianDay(em, t, technicianId, day, ro.locationId, { linesCompleted: 1, soldHours: share });
      }
      // What was credited is kept on the line, so a returned line takes back exactly that.
      await em.execute(
        `update shop.dashboard_repair_order_lines set completed = true, credited_technician_ids = ?::jsonb, credited_day = ?, credited_hours = ?
         where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [JSON.stringify(technicians), day, share, t, d.repairOrderId, d.lineId],
      );
      return;
    }
    case 'WorkReturned': {
      const d = event.data;
      const [line] = await em.execute(
        `select completed, credited_technician_ids, to_char(credited_day, 'YYYY-MM-DD') as credited_day, credited_hours, location_id
         from shop.dashboard_repair_order_lines where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [t, d.repairOrderId, d.lineId],
      );
      if (line?.completed) {
        // The line is not done after all: its completion and sold hours come off; the clocked time stays (it was worked).
        for (const technicianId of line.credited_technician_ids as string[]) {
          await addTechnicianDay(em, t, technicianId, line.credited_day as string, (line.location_id as string | null) ?? null, {
            linesCompleted: -1, soldHours: -Number(line.credited_hours),
          });
        }
        await em.execute(
          `update shop.dashboard_repair_order_lines set completed = false, credited_technician_ids = '[]', credited_day = null, credited_hours = null
           where tenant_id = ? and repair_order_id = ? and line_id = ?`,
          [t, d.repairOrderId, d.lineId],
        );
      }
      await moveStatus(em, stored, d.repairOrderId);
      return;
    }
    case 'AdvisorReviewRequested':
    case 'WorkApproved':
      await moveStatus(em, stored, event.data.repairOrderId);
      return;
    case 'WorkStarted':
      return; // a running clock counts once it stops
  }
}

async function applyInvoice(em: EntityManager, stored: StoredEvent, event: InvoiceEvent): Promise<void> {
  const t = stored.tenantId;
  switch (event.type) {
    case 'InvoiceIssued': {
      const d = event.data;
      const locationId = d.locationId ?? null;
      const day = localDay(d.issuedAt, await timezoneOf(em, t, locationId));
      if (await invoice(em, t, d.invoiceId)) return;
      await em.execute(
        `insert into shop.dashboard_invoices (tenant_id, invoice_id, number, location_id, customer_id, currency, grand_total_minor, tax_total_minor, issued_at, issued_day)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [t, d.invoiceId, d.number, locationId, d.customerId, d.currency, d.grandTotal.amountMinor, d.taxTotal.amountMinor, d.issuedAt, day],
      );
      await addRevenue(em, t, day, locationId, d.currency, { invoices: 1, invoicedMinor: d.grandTotal.amountMinor, taxMinor: d.taxTotal.amountMinor });
      return;
    }
    case 'PaymentRecorded':
    case 'PaymentRefunded': {
      const d = event.data;
      const inv = await invoice(em, t, d.invoiceId);
      if (!inv) return;
      const signed = event.type === 'PaymentRecorded' ? d.amount.amountMinor : -d.amount.amountMinor;
      const at = event.type === 'PaymentRecorded' ? event.data.receivedAt : event.data.refundedAt;
      await em.execute(`update shop.dashboard_invoices set paid_minor = paid_minor + ? where tenant_id = ? and invoice_id = ?`, [signed, t, d.invoiceId]);
      await addRevenue(em, t, localDay(at, inv.timezone), inv.locationId, inv.currency, { collectedMinor: signed });
      return;
    }
    case 'PaymentRefundFailed': {
      // The money of a failed refund is collected again, on the (local) day the failure is booked, as Stripe's
      // refund_failure balance transaction credits it then: the refund's own day keeps its refund, so a day
      // already reported does not change, and the two net out over any range holding both.
      const d = event.data;
      const inv = await invoice(em, t, d.invoiceId);
      if (!inv) return;
      await em.execute(`update shop.dashboard_invoices set paid_minor = paid_minor + ? where tenant_id = ? and invoice_id = ?`, [d.amount.amountMinor, t, d.invoiceId]);
      await addRevenue(em, t, localDay(d.failedAt, inv.timezone), inv.locationId, inv.currency, { collectedMinor: d.amount.amountMinor });
      return;
    }
    case 'PaymentDisputed':
    case 'PaymentDisputeUpdated': {
      // Money Stripe withdrew for a dispute is no longer collected (on the day it was withdrawn); reinstated, it is again.
      const d = event.data;
      const inv = await invoice(em, t, d.invoiceId);
      if (!inv) return;
      const change = event.type === 'PaymentDisputed' ? event.data.withdrawn.amountMinor : event.data.change.amountMinor;
      if (change === 0) return;
      const at = event.type === 'PaymentDisputed' ? event.data.openedAt : event.data.updatedAt;
      await em.execute(`update shop.dashboard_invoices set paid_minor = paid_minor - ? where tenant_id = ? and invoice_id = ?`, [change, t, d.invoiceId]);
      await addRevenue(em, t, localDay(at, inv.timezone), inv.locationId, inv.currency, { collectedMinor: -change });
      return;
    }
    case 'InvoiceVoided': {
      const inv = await invoice(em, t, event.data.invoiceId);
      if (!inv || inv.voided) return;
      await em.execute(`update shop.dashboard_invoices set voided = true where tenant_id = ? and invoice_id = ?`, [t, event.data.invoiceId]);
      // A voided invoice was never owed: it leaves the day it was issued on.
      await addRevenue(em, t, inv.issuedDay, inv.locationId, inv.currency, { invoices: -1, invoicedMinor: -inv.grandTotalMinor, taxMinor: -inv.taxTotalMinor });
      return;
    }
    case 'InvoiceCredited': {
      const d = event.data;
      const inv = await invoice(em, t, d.invoiceId);
      if (!inv) return;
      await em.execute(`update shop.dashboard_invoices set credited_minor = credited_minor + ? where tenant_id = ? and invoice_id = ?`,
        [d.grandTotal.amountMinor, t, d.invoiceId]);
      // Revenue and output tax are net of credit notes on the (local) day the credit note is issued; the invoice still counts on its own day.
      await addRevenue(em, t, localDay(d.creditedAt, inv.timezone), inv.locationId, inv.currency, {
        invoicedMinor: -d.grandTotal.amountMinor, taxMinor: -d.taxTotal.amountMinor,
      });
      return;
    }
    case 'InvoicePaid':
      return; // the balance follows from the payments themselves
  }
}

async function applyQuote(em: EntityManager, stored: StoredEvent, event: QuoteEvent): Promise<void> {
  const t = stored.tenantId;
  switch (event.type) {
    case 'QuoteCreated': {
      const d = event.data;
      await em.execute(
        `insert into shop.dashboard_quotes (tenant_id, quote_id, location_id, currency, subtotal_minor) values (?, ?, ?, ?, ?)
         on conflict (tenant_id, quote_id) do nothing`,
        [t, d.quoteId, d.locationId ?? null, d.currency, subtotal(d.lines)],
      );
      return;
    }
    case 'QuoteRevised':
      await em.execute(`update shop.dashboard_quotes set subtotal_minor = ? where tenant_id = ? and quote_id = ?`,
        [subtotal(event.data.lines), t, event.data.quoteId]);
      return;
    case 'QuoteSent':
    case 'QuoteApproved':
    case 'QuoteDeclined': {
      const [row] = await em.execute(`select location_id from shop.dashboard_quotes where tenant_id = ? and quote_id = ?`, [t, event.data.quoteId]);
      if (!row) return;
      const tz = await timezoneOf(em, t, row.location_id as string | null);
      if (event.type === 'QuoteSent') {
        // Counted as sent on the first sending; a revised quote sent again is still one quote.
        await em.execute(`update shop.dashboard_quotes set sent_day = coalesce(sent_day, ?) where tenant_id = ? and quote_id = ?`,
          [localDay(event.data.sentAt, tz), t, event.data.quoteId]);
      } else if (event.type === 'QuoteApproved') {
        const d = event.data;
        await em.execute(
          `update shop.dashboard_quotes set outcome = ?, decided_day = ?, quoted_minor = ?, approved_minor = ? where tenant_id = ? and quote_id = ?`,
          [quoteOutcome(d), localDay(d.approvedAt, tz), d.totals.subtotalMinor, d.totals.approvedSubtotalMinor, t, d.quoteId],
        );
      } else {
        await em.execute(
          `update shop.dashboard_quotes set outcome = 'declined', decided_day = ?, quoted_minor = subtotal_minor, approved_minor = 0 where tenant_id = ? and quote_id = ?`,
          [localDay(event.data.declinedAt, tz), t, event.data.quoteId],
        );
      }
      return;
    }
  }
}

/**
 * All five shop dashboards in one projection (one read-your-writes wait), built from the events
 * of quotes, repair orders, invoices and locations alone: it never reads another projection's
 * tables, so a rebuild of this projection on its own gives the same rows. Local days use the
 * location's time zone as it stood when the event was applied (a later change of zone does not
 * move past days); a location-less quote, repair order or invoice uses UTC.
 */
export const dashboardsProjection: Projection = {
  name: SHOP_DASHBOARDS,
  eventTypes: [
    'LocationOpened', 'LocationUpdated',
    'QuoteCreated', 'QuoteRevised', 'QuoteSent', 'QuoteApproved', 'QuoteDeclined',
    'RepairOrderOpened', 'TechnicianAssigned', 'WorkCompleted', 'AdvisorReviewRequested', 'WorkReturned', 'WorkApproved',
    'InvoiceIssued', 'PaymentRecorded', 'PaymentRefunded', 'InvoiceVoided', 'InvoiceCredited', 'PaymentDisputed', 'PaymentDisputeUpdated',
    'PaymentRefundFailed',
  ],
  tables: [
    'shop.dashboard_location_timezones', 'shop.dashboard_repair_orders', 'shop.dashboard_repair_order_lines', 'shop.dashboard_technician_days',
    'shop.dashboard_revenue_days', 'shop.dashboard_invoices', 'shop.dashboard_quotes',
  ],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as DashboardEvent;
    switch (event.type) {
      case 'LocationOpened':
      case 'LocationUpdated':
        await em.execute(
          `insert into shop.dashboard_location_timezones (tenant_id, location_id, timezone) values (?, ?, ?)
           on conflict (tenant_id, location_id) do update set timezone = excluded.timezone`,
          [stored.tenantId, event.data.locationId, event.data.timezone],
        );
        return;
      case 'QuoteCreated': case 'QuoteRevised': case 'QuoteSent': case 'QuoteApproved': case 'QuoteDeclined':
        return applyQuote(em, stored, event);
      case 'RepairOrderOpened': case 'TechnicianAssigned': case 'WorkStarted': case 'WorkCompleted':
      case 'AdvisorReviewRequested': case 'WorkReturned': case 'WorkApproved':
        return applyRepairOrder(em, stored, event);
      case 'InvoiceIssued': case 'PaymentRecorded': case 'PaymentRefunded': case 'InvoicePaid': case 'InvoiceVoided': case 'InvoiceCredited':
      case 'PaymentDisputed': case 'PaymentDisputeUpdated': case 'PaymentRefundFailed':
        return applyInvoice(em, stored, event);
      default:
        return;
    }
  },
};
