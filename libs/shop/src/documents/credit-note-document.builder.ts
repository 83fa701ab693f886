import { formatMoney, formatQuantity, localDate } from './document-format.rules';
import { buyer, DocumentParties, seller } from './document-parties';
import { componentLabel, gstFacts, lineTax } from './invoice-document.builder';
import type { TaxDocument } from './tax-document';

type Component = { name: string; rateBps: number; amountMinor: number };

/** A credit note as read (the credit-note read model's view), in the fields its document prints. */
export interface CreditNoteSource {
  number: string;
  invoiceNumber: string;
  reason: string;
  note: string | null;
  currency: string;
  currencyExponent: number;
  jurisdiction: { kind: string; stateCode: string | null };
  placeOfSupply: string | null;
  /** EU B2B across member states, as the credited invoice was; absent: no. */
  reverseCharge?: boolean;
  lines: { description: string; hsnSac?: string | null; quantity: number | null; taxable: boolean; amountMinor: number; taxComponents: Component[]; totalMinor: number }[];
  taxSummary: Component[];
  subtotalMinor: number;
  taxableSubtotalMinor: number;
  taxTotalMinor: number;
  grandTotalMinor: number;
  issuedAt: string;
}

export interface CreditNoteDocumentInput extends DocumentParties {
  creditNote: CreditNoteSource;
  /** When the credited invoice was issued: a GST credit note names the invoice's number and date (CGST Act s. 34, rule 53). */
  invoiceIssuedAt: string | null;
}

const REASONS: Readonly<Record<string, string>> = Object.freeze({
  return: 'Goods returned', goodwill: 'Goodwill', price_correction: 'Price correction', error: 'Billed in error',
});

/**
 * The printed credit note: its own number and date, the invoice it credits, why, the lines taken
 * back and the tax reversed per component at the invoice's rates (GST: CGST + SGST or IGST as
 * charged; EU VAT: the reduction of the taxable amount and its VAT).
 */
export function creditNoteDocument(input: CreditNoteDocumentInput): TaxDocument {
  const { creditNote: note, location } = input;
  const money = (minor: number) => formatMoney(minor, note.currency, note.currencyExponent);
  return {
    title: 'CREDIT NOTE',
    facts: [
      { label: 'Credit note no.', value: note.number },
      { label: 'Date', value: localDate(note.issuedAt, location.timezone) },
      { label: 'Against invoice', value: note.invoiceNumber },
      ...(input.invoiceIssuedAt ? [{ label: 'Invoice date', value: localDate(input.invoiceIssuedAt, location.timezone) }] : []),
      { label: 'Reason', value: REASONS[note.reason] ?? note.reason },
      ...gstFacts(note.jurisdiction, note.placeOfSupply, note.reverseCharge ?? false),
      { label: 'Currency', value: note.currency },
    ],
    seller: seller(input),
    buyer: buyer(input),
    lines: note.lines.map((l) => ({
      description: l.description, hsnSac: l.hsnSac ?? null, quantity: l.quantity === null ? '' : formatQuantity(l.quantity), unitPrice: '', discount: null,
      amount: money(l.amountMinor), tax: lineTax(l, money), total: money(l.totalMinor),
    })),
    taxHeading: 'Tax reversed',
    taxSplit: note.taxSummary.map((c) => ({ label: componentLabel(c), value: money(c.amountMinor) })),
    totals: [
      { label: 'Value credited', value: money(note.subtotalMinor) },
      { label: 'Taxable value credited', value: money(note.taxableSubtotalMinor) },
      { label: 'Tax reversed', value: money(note.taxTotalMinor) },
      { label: 'Total credited', value: money(note.grandTotalMinor), strong: true },
    ],
    notes: [
      `This credit note reduces invoice ${note.invoiceNumber} by ${money(note.grandTotalMinor)}.`,
      ...(note.note ? [note.note] : []),
    ],
    stamp: null,
    meta: { title: `Credit note ${note.number}`, subject: `${input.sellerName}: credit note ${note.number} against invoice ${note.invoiceNumber}` },
  };
}
