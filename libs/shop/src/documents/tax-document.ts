/**
 * A tax document (invoice or credit note) as it is printed: every value already in the words and
 * figures the customer reads, so the layout only places text and the rules of what a document
 * must say live in the builders (`invoice-document.builder.ts`), which are pure and tested alone.
 */
export interface DocumentParty {
  /** Legal or trading name; for a shop, the tenant's name. */
  name: string;
  /** A second name line, e.g. the shop location ("Indiranagar branch"). */
  branch?: string;
  /** Printed address lines, in order; empty when none is on record. */
  address: string[];
  /** E.g. "GSTIN 29ABCDE1234F1Z5", "VAT DE123456789"; null when none is on record. */
  taxId: string | null;
  /** Further lines: phone, e-mail, the vehicle for a repair. */
  extra: string[];
}

export interface DocumentLine {
  description: string;
  /** HSN (goods) or SAC (services) code on GST documents; null elsewhere or when none is on record. */
  hsnSac: string | null;
  /** Empty where the line has none (an amount credited without a quantity). */
  quantity: string;
  unitPrice: string;
  /** Discount off the line, when it has one. */
  discount: string | null;
  /** Pre-tax amount after the discount. */
  amount: string;
  /** "CGST 9% 162.00, SGST 9% 162.00", or "exempt". */
  tax: string;
  total: string;
}

export interface DocumentTotal {
  label: string;
  value: string;
  /** Printed in bold: the grand total, the balance due. */
  strong?: boolean;
}

export interface TaxDocument {
  /** "TAX INVOICE", "INVOICE", "CREDIT NOTE". */
  title: string;
  /** Label/value pairs under the title: number, date, place of supply, the invoice credited... */
  facts: { label: string; value: string }[];
  seller: DocumentParty;
  buyer: DocumentParty;
  lines: DocumentLine[];
  /** "Tax summary", "Tax reversed". */
  taxHeading: string;
  /** The tax split per component: "CGST 9%" -> amount; one row per component, even at 0. */
  taxSplit: { label: string; value: string }[];
  totals: DocumentTotal[];
  /** Legal notes printed below the totals (reverse charge, amounts in words, void). */
  notes: string[];
  /** A banner across the page, e.g. "VOID"; null for none. */
  stamp: string | null;
  /** Document metadata (PDF Title and Subject). */
  meta: { title: string; subject: string };
}
