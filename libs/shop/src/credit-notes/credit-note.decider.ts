/**
 * Credit note aggregate: issued once, then kept as it is (a tax document is corrected by another
 * credit note, never edited). Its decision is made against the invoice's state, which the handler
 * reads and carries on the command; `invoiceEventsFor` says what the invoice's stream records of it
 * in the same atomic write. Pure: the number, time, ids and the actor arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { hundredthsOf, readOptionalText, TextRule } from '@workbay/platform/fields';
import { balanceDueMinor, ExistingInvoice, InvoiceState } from '../invoices/invoice.decider';
import type { InvoiceEvent } from '../invoices/invoice.events';
import { CreditNoteAlreadyIssued, InvalidCreditNoteField, InvoiceNotCreditable } from './credit-note.errors';
import { CREDIT_NOTE_REASONS, CreditNoteEvent, CreditNoteIssued, CreditNoteReason } from './credit-note.events';
import { computeCredit, CreditLineRequest } from './credit-note.rules';

export * from './credit-note.errors';

export interface IssueCreditNoteDecision {
  type: 'IssueCreditNote';
  creditNoteId: string;
  /** From the tenant's credit-note sequence, appended in the same write (credit-note-number.rules.ts). */
  number: string;
  /** The invoice as read for this decision; the write expects its stream still at that version. */
  invoice: InvoiceState;
  reason: unknown;
  note?: string | null;
  lines: readonly CreditLineRequest[];
  issuedAt: string;
  actor: string;
}

export type CreditNoteCommand = IssueCreditNoteDecision;

export type CreditNoteState = { status: 'none' } | ({ status: 'issued' } & CreditNoteIssued['data']);

export const CREDIT_NOTE_TEXT = { note: { max: 500, multiline: true } } as const satisfies Record<string, TextRule>;

function reasonOf(value: unknown): CreditNoteReason {
  if (value === undefined || value === null || value === '') throw new InvalidCreditNoteField('reason', `say why: one of ${CREDIT_NOTE_REASONS.join(', ')}`);
  if (!CREDIT_NOTE_REASONS.includes(value as CreditNoteReason)) throw new InvalidCreditNoteField('reason', `must be one of ${CREDIT_NOTE_REASONS.join(', ')}`);
  return value as CreditNoteReason;
}

function decideIssue(command: IssueCreditNoteDecision, state: CreditNoteState): CreditNoteEvent[] {
  if (state.status !== 'none') throw new CreditNoteAlreadyIssued(state.number);
  const invoice = command.invoice;
  if (invoice.status === 'none') throw new InvalidCreditNoteField('invoiceId', 'no such invoice');
  if (invoice.status === 'void') throw new InvoiceNotCreditable('void');
  const reason = reasonOf(command.reason);
  const note = readOptionalText(command.note, CREDIT_NOTE_TEXT.note);
  if (!note.ok) throw new InvalidCreditNoteField('note', note.problem);
  const credit = computeCredit(invoice, command.lines);
  return [{
    type: 'CreditNoteIssued',
    data: {
      creditNoteId: command.creditNoteId, number: command.number, invoiceId: invoice.invoiceId, invoiceNumber: invoice.number,
      customerId: invoice.customerId, locationId: invoice.locationId, reason, note: note.text,
      currency: invoice.currency, currencyExponent: invoice.currencyExponent, jurisdiction: invoice.jurisdiction, placeOfSupply: invoice.placeOfSupply,
      lines: credit.lines, taxSummary: credit.taxSummary, subtotal: credit.subtotal, taxableSubtotal: credit.taxableSubtotal,
      taxTotal: credit.taxTotal, grandTotal: credit.grandTotal, issuedAt: command.issuedAt,
    },
  }];
}

/**
 * What the invoice records of an issued credit note: `InvoiceCredited`, and `InvoicePaid` when the
 * credit takes the receivable to 0 or below (nothing is owed any more, so open payment links are
 * cancelled as for a payment that settles it).
 */
export function invoiceEventsFor(issued: CreditNoteIssued['data'], invoice: ExistingInvoice): InvoiceEvent[] {
  const credited: InvoiceEvent = {
    type: 'InvoiceCredited',
    data: {
      invoiceId: issued.invoiceId, creditNoteId: issued.creditNoteId, number: issued.number,
      lines: issued.lines.map((l) => ({ lineId: l.lineId, quantityHundredths: l.quantity === null ? 0 : hundredthsOf(l.quantity), amountMinor: l.amount.amountMinor })),
      taxSummary: issued.taxSummary, subtotal: issued.subtotal, taxTotal: issued.taxTotal, grandTotal: issued.grandTotal, creditedAt: issued.issuedAt,
    },
  };
  const before = balanceDueMinor(invoice);
  if (before <= 0 || before - issued.grandTotal.amountMinor > 0) return [credited];
  return [credited, { type: 'InvoicePaid', data: { invoiceId: invoice.invoiceId, amountPaid: { amountMinor: invoice.paidMinor, currency: invoice.currency }, paidAt: issued.issuedAt } }];
}

export const creditNoteDecider: Decider<CreditNoteState, CreditNoteCommand, CreditNoteEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'IssueCreditNote':
        return decideIssue(command, state);
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown credit note command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CreditNoteIssued':
        return state.status === 'none' ? { status: 'issued', ...event.data } : state;
      default:
        return state;
    }
  },
};
