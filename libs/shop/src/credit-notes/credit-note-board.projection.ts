import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { CreditNoteEvent } from './credit-note.events';

export const CREDIT_NOTE_BOARD = 'shop.credit-note-board';

/** Credit notes as issued (a credit note never changes after), listed per tenant, invoice and customer. */
export const creditNoteBoardProjection: Projection = {
  name: CREDIT_NOTE_BOARD,
  eventTypes: ['CreditNoteIssued'],
  tables: ['shop.credit_notes'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as CreditNoteEvent;
    if (event.type !== 'CreditNoteIssued') return;
    const d = event.data;
    await em.execute(
      `insert into shop.credit_notes (tenant_id, id, number, invoice_id, invoice_number, customer_id, location_id, reason, note, currency, currency_exponent,
         jurisdiction, place_of_supply, lines, tax_summary, subtotal_minor, taxable_subtotal_minor, tax_total_minor, grand_total_minor, issued_at, version, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
      [stored.tenantId, d.creditNoteId, d.number, d.invoiceId, d.invoiceNumber, d.customerId, d.locationId, d.reason, d.note, d.currency, d.currencyExponent,
        JSON.stringify(d.jurisdiction), d.placeOfSupply, JSON.stringify(d.lines), JSON.stringify(d.taxSummary), d.subtotal.amountMinor,
        d.taxableSubtotal.amountMinor, d.taxTotal.amountMinor, d.grandTotal.amountMinor, d.issuedAt, stored.streamVersion, stored.recordedAt],
    );
  },
};
