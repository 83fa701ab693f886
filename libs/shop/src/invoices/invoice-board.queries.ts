import { toTaxIdView } from '../customers/customer-directory.queries';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { toTaxJurisdictionView } from '../locations/location.dto';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { rowsAsOf } from '../shared/record-as-of';
import { InvoicePage, InvoiceView } from './invoice.dto';
import { invoiceStreamCategory } from './invoice.events';
import { InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from './invoice-board.entities';
import { invoiceRows } from './invoice-board.rows';
import { TaxComponent } from './tax.rules';

export const INVOICE_BOARD = 'shop.invoice-board';

/** The REST path of an invoice's PDF: GraphQL links to it, since binary does not belong in a GraphQL answer. */
export const invoicePdfPath = (invoiceId: string) => `/invoices/${invoiceId}/pdf`;

export class InvoiceBoard extends Query<InvoicePage> {
  constructor(
    readonly first: number,
    readonly after?: string,
    readonly filter: { status?: string; customerId?: string; locationId?: string } = {},
  ) {
    super();
  }
}

/** One invoice with lines and payments; with `asOf`, the rows its projection had written by then (invoice-board.rows.ts), through the same mapper. */
export class InvoiceDetail extends Query<InvoiceView> {
  constructor(readonly invoiceId: string, readonly asOf?: string) {
    super();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const components = (list: TaxComponent[]) => list.map((c) => ({ name: c.name, rateBps: c.rateBps, amountMinor: c.amount.amountMinor }));

function toView(r: InvoiceRow, lines: InvoiceLineRow[], payments: InvoicePaymentRow[]): InvoiceView {
  return {
    id: r.id, number: r.number, status: r.status, repairOrderId: r.repairOrderId, customerId: r.customerId, vehicleId: r.vehicleId,
    locationId: r.locationId, currency: r.currency.trim(), currencyExponent: r.currencyExponent, jurisdiction: toTaxJurisdictionView(r.jurisdiction),
    placeOfSupply: r.placeOfSupply, placeOfSupplySource: r.placeOfSupplySource,
    sellerTaxId: r.sellerTaxId ? toTaxIdView(r.sellerTaxId) : null, buyerTaxId: r.buyerTaxId ? toTaxIdView(r.buyerTaxId) : null,
    buyerBillingAddress: r.buyerBillingAddress, recipientSource: r.recipientSource, recipientHouseholdId: r.recipientHouseholdId, reverseCharge: r.reverseCharge, taxNote: r.taxNote,
    lines: lines.filter((l) => l.invoiceId === r.id).sort((a, b) => a.ordinal - b.ordinal).map((l) => ({
      lineId: l.lineId, kind: l.kind, description: l.description, hsnSac: l.hsnSac, taxCategory: l.taxCategory, quantity: Number(l.quantity), unitPriceMinor: l.unitPriceMinor, taxable: l.taxable,
      amountMinor: l.amountMinor, taxComponents: components(l.taxComponents), taxMinor: l.taxMinor, totalMinor: l.totalMinor,
    })),
    taxSummary: components(r.taxSummary),
    subtotalMinor: r.subtotalMinor, taxableSubtotalMinor: r.taxableSubtotalMinor, taxTotalMinor: r.taxTotalMinor, grandTotalMinor: r.grandTotalMinor,
    paidMinor: r.paidMinor, creditedMinor: r.creditedMinor, balanceDueMinor: Math.max(0, r.balanceDueMinor), creditBalanceMinor: Math.max(0, -r.balanceDueMinor),
    payments: payments.filter((p) => p.invoiceId === r.id).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map((p) => ({
      paymentId: p.paymentId, method: p.method, amountMinor: p.amountMinor, refundedMinor: p.refundedMinor, reference: p.reference,
      receivedAt: p.receivedAt.toISOString(), refunds: p.refunds.map(({ failed, ...r }) => ({ ...r, creditNoteId: r.creditNoteId ?? null, failure: failed ?? null })),
      disputedMinor: p.disputedMinor ?? 0, disputes: (p.disputes ?? []).map((d) => ({ ...d })),
    })),
    issuedAt: r.issuedAt.toISOString(), paidAt: iso(r.paidAt), voidedAt: iso(r.voidedAt), voidReason: r.voidReason, version: r.version,
    pdfUrl: invoicePdfPath(r.id),
  };
}

@QueryHandler(InvoiceBoard)
export class InvoiceBoardHandler implements IQueryHandler<InvoiceBoard> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, filter }: InvoiceBoard): Promise<InvoicePage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.locationId ? { locationId: filter.locationId } : {}),
        ...(cursor ? { $or: [{ issuedAt: { $lt: new Date(cursor.at) } }, { issuedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
      };
      const rows = await em.find(InvoiceRow, where, { orderBy: { issuedAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const ids = page.map((r) => r.id);
      const lines = ids.length ? await em.find(InvoiceLineRow, { invoiceId: { $in: ids } }) : [];
      const payments = ids.length ? await em.find(InvoicePaymentRow, { invoiceId: { $in: ids } }) : [];
      const last = page[page.length - 1];
      return { items: page.map((r) => toView(r, lines, payments)), nextCursor: rows.length > first && last ? encodeCursor(last.issuedAt, last.id) : null };
    });
  }
}

@QueryHandler(InvoiceDetail)
export class InvoiceDetailHandler implements IQueryHandler<InvoiceDetail> {
  constructor(private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext) {}

  async execute({ invoiceId, asOf }: InvoiceDetail): Promise<InvoiceView> {
    if (asOf) {
      const { invoice, lines, payments } = await rowsAsOf(this.store, this.context.tenantId, invoiceStreamCategory, invoiceId, asOf, invoiceRows, 'invoice');
      return toView(invoice, lines, payments);
    }
    return this.db.run(async (em) => {
      const invoice = await em.findOne(InvoiceRow, { id: invoiceId });
      if (!invoice) throw new NotFoundError('invoice', invoiceId);
      const lines = await em.find(InvoiceLineRow, { invoiceId });
      return toView(invoice, lines, await em.find(InvoicePaymentRow, { invoiceId }));
    });
  }
}
