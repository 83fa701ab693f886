import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, decodeCursor, encodeCursor, NotFoundError, TenantDb } from '@workbay/platform';
import { invoiceDecider } from '../invoices/invoice.decider';
import { invoiceStreamCategory } from '../invoices/invoice.events';
import { TaxComponent } from '../invoices/tax.rules';
import { toTaxJurisdictionView } from '../locations/location.dto';
import { CreditNotePage, CreditNoteView } from './credit-note.dto';
import { CreditNoteRow } from './credit-note-board.entities';

/** Credit notes, newest first; `invoiceId` / `customerId` narrow the list. */
export class CreditNoteList extends Query<CreditNotePage> {
  constructor(readonly first: number, readonly after?: string, readonly filter: { invoiceId?: string; customerId?: string } = {}) {
    super();
  }
}

/** One credit note with its lines and tax split (what a printed credit note shows). */
export class CreditNoteDetail extends Query<CreditNoteView> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}

/** The credit notes of one invoice; 404 when this tenant has no such invoice (not an empty list that would confirm nothing). */
export class InvoiceCreditNotes extends Query<CreditNotePage> {
  constructor(readonly invoiceId: string, readonly first: number, readonly after?: string) {
    super();
  }
}

/** The REST path of a credit note's PDF, which GraphQL links to (binary does not belong in a GraphQL answer). */
export const creditNotePdfPath = (creditNoteId: string) => `/credit-notes/${creditNoteId}/pdf`;

const components = (list: TaxComponent[]) => list.map((c) => ({ name: c.name, rateBps: c.rateBps, amountMinor: c.amount.amountMinor }));

export function toCreditNoteView(r: CreditNoteRow): CreditNoteView {
  return {
    id: r.id, number: r.number, invoiceId: r.invoiceId, invoiceNumber: r.invoiceNumber, customerId: r.customerId, locationId: r.locationId,
    reason: r.reason, note: r.note, currency: r.currency.trim(), currencyExponent: r.currencyExponent, jurisdiction: toTaxJurisdictionView(r.jurisdiction),
    placeOfSupply: r.placeOfSupply,
    lines: r.lines.map((l) => ({
      lineId: l.lineId, kind: l.kind, description: l.description, quantity: l.quantity, taxable: l.taxable, amountMinor: l.amount.amountMinor,
      taxComponents: components(l.components), taxMinor: l.tax.amountMinor, totalMinor: l.total.amountMinor,
    })),
    taxSummary: components(r.taxSummary), subtotalMinor: r.subtotalMinor, taxableSubtotalMinor: r.taxableSubtotalMinor, taxTotalMinor: r.taxTotalMinor,
    grandTotalMinor: r.grandTotalMinor, issuedAt: r.issuedAt.toISOString(), pdfUrl: creditNotePdfPath(r.id),
  };
}

async function page(db: TenantDb, first: number, after: string | undefined, filter: { invoiceId?: string; customerId?: string }): Promise<CreditNotePage> {
  const cursor = decodeCursor(after);
  return db.run(async (em) => {
    const where = {
      ...(filter.invoiceId ? { invoiceId: filter.invoiceId } : {}),
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(cursor ? { $or: [{ issuedAt: { $lt: new Date(cursor.at) } }, { issuedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
    };
    const rows = await em.find(CreditNoteRow, where, { orderBy: { issuedAt: 'desc', id: 'desc' }, limit: first + 1 });
    const shown = rows.slice(0, first);
    const last = shown[shown.length - 1];
    return { items: shown.map(toCreditNoteView), nextCursor: rows.length > first && last ? encodeCursor(last.issuedAt, last.id) : null };
  });
}

@QueryHandler(CreditNoteList)
export class CreditNoteListHandler implements IQueryHandler<CreditNoteList> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, filter }: CreditNoteList): Promise<CreditNotePage> {
    return page(this.db, first, after, filter);
  }
}

@QueryHandler(CreditNoteDetail)
export class CreditNoteDetailHandler implements IQueryHandler<CreditNoteDetail> {
  constructor(private readonly db: TenantDb) {}

  execute({ creditNoteId }: CreditNoteDetail): Promise<CreditNoteView> {
    return this.db.run(async (em) => {
      const row = await em.findOne(CreditNoteRow, { id: creditNoteId });
      if (!row) throw new NotFoundError('credit note', creditNoteId);
      return toCreditNoteView(row);
    });
  }
}

@QueryHandler(InvoiceCreditNotes)
export class InvoiceCreditNotesHandler implements IQueryHandler<InvoiceCreditNotes> {
  constructor(private readonly db: TenantDb, private readonly aggregates: AggregateStore) {}

  async execute({ invoiceId, first, after }: InvoiceCreditNotes): Promise<CreditNotePage> {
    // The invoice's own stream says whether it exists (the board may lag); another tenant's id is 404 like an unknown one.
    await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    return page(this.db, first, after, { invoiceId });
  }
}
