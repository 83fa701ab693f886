import type { InvoiceView } from '../invoices/invoice.dto';
import { formatMoney, formatQuantity, formatRate, localDate } from './document-format.rules';
import { buyer, DocumentParties, fromBillingAddress, gstState, seller } from './document-parties';
import type { DocumentLine, TaxDocument } from './tax-document';

/** What the invoice's PDF is made of: the invoice as read, and the parties as they are on record. */
export interface InvoiceDocumentInput extends DocumentParties {
  invoice: InvoiceView;
}

const COMPONENT_LABELS: Readonly<Record<string, string>> = Object.freeze({ SALES_TAX: 'Sales tax', CONSUMPTION_TAX: 'Consumption tax' });

export const componentLabel = (c: { name: string; rateBps: number }) => `${COMPONENT_LABELS[c.name] ?? c.name} ${formatRate(c.rateBps)}`;

/** "CGST 9% ₹162.00, SGST 9% ₹162.00"; "exempt" for a line tax does not apply to. */
export function lineTax(line: { taxable: boolean; taxComponents: { name: string; rateBps: number; amountMinor: number }[] }, money: (minor: number) => string): string {
  if (!line.taxable) return 'exempt';
  return line.taxComponents.map((c) => `${componentLabel(c)} ${money(c.amountMinor)}`).join(', ') || 'none';
}

/** Pre-discount amount: round half up of quantity (2 decimals at most) x unit price, in integers. */
function grossMinor(quantity: number, unitPriceMinor: number): number {
  return Math.floor((Math.round(quantity * 100) * unitPriceMinor + 50) / 100);
}

/** Indian GST facts: place of supply (name and code), intra- or inter-state, and reverse charge (rule 46). */
export function gstFacts(jurisdiction: { kind: string; stateCode: string | null }, placeOfSupply: string | null, reverseCharge: boolean): { label: string; value: string }[] {
  if (jurisdiction.kind === 'EU_VAT' && reverseCharge) return [{ label: 'Reverse charge', value: 'Yes' }];
  if (jurisdiction.kind !== 'IN_GST' || !placeOfSupply) return [];
  return [
    { label: 'Place of supply', value: gstState(placeOfSupply) },
    { label: 'Supply', value: placeOfSupply === jurisdiction.stateCode ? 'Intra-state' : 'Inter-state' },
    { label: 'Reverse charge', value: reverseCharge ? 'Yes' : 'No' },
  ];
}

/**
 * The parties as the invoice recorded them at issue (tax ids, billing address), which is what the
 * tax return used; the record's current address only for an invoice issued before it kept one.
 * An invoice billed to the customer's household prints the household as buyer.
 * A credit note prints the parties of the invoice it credits.
 */
export function partiesAtIssue(input: InvoiceDocumentInput): DocumentParties {
  const { invoice } = input;
  const customer = input.customer ?? { name: 'Customer' };
  // Billed to the household (the customer had no billing details of their own): the household is the
  // buyer, under its name with its tax id and address; the member the work was for is named below it.
  const billed = invoice.recipientSource === 'household'
    ? { ...customer, name: input.household?.name ?? 'Household', member: customer.name }
    : customer;
  return {
    ...input,
    location: { ...input.location, taxId: invoice.sellerTaxId },
    customer: { ...billed, taxId: invoice.buyerTaxId, address: invoice.buyerBillingAddress ? fromBillingAddress(invoice.buyerBillingAddress) : customer.address },
  };
}

function documentLines(invoice: InvoiceView, money: (minor: number) => string): DocumentLine[] {
  return invoice.lines.map((l) => {
    const discount = grossMinor(l.quantity, l.unitPriceMinor) - l.amountMinor;
    return {
      // Japan's qualified invoices must mark the items taxed at the reduced rate.
      description: l.taxCategory === 'reduced' ? `${l.description} (reduced rate)` : l.description, hsnSac: l.hsnSac, quantity: formatQuantity(l.quantity), unitPrice: money(l.unitPriceMinor),
      discount: discount > 0 ? money(discount) : null, amount: money(l.amountMinor), tax: lineTax(l, money), total: money(l.totalMinor),
    };
  });
}

/**
 * The printed invoice. Indian GST (CGST rules, rule 46) asks for "Tax Invoice", the supplier's and
 * a registered recipient's GSTIN, the place of supply with state name and code, HSN/SAC, the
 * taxable value and each tax's rate and amount, and whether tax is payable on reverse charge.
 */
export function invoiceDocument(input: InvoiceDocumentInput): TaxDocument {
  const { invoice, location } = input;
  const money = (minor: number) => formatMoney(minor, invoice.currency, invoice.currencyExponent);
  const kind = invoice.jurisdiction.kind;
  const discount = invoice.lines.reduce((s, l) => s + grossMinor(l.quantity, l.unitPriceMinor) - l.amountMinor, 0);
  return {
    title: kind === 'IN_GST' ? 'TAX INVOICE' : 'INVOICE',
    facts: [
      { label: 'Invoice no.', value: invoice.number },
      { label: 'Date', value: localDate(invoice.issuedAt, location.timezone) },
      ...gstFacts(invoice.jurisdiction, invoice.placeOfSupply, invoice.reverseCharge),
      { label: 'Currency', value: invoice.currency },
    ],
    seller: seller(partiesAtIssue(input)),
    buyer: buyer(partiesAtIssue(input)),
    lines: documentLines(invoice, money),
    taxHeading: 'Tax summary',
    taxSplit: invoice.taxSummary.map((c) => ({ label: componentLabel(c), value: money(c.amountMinor) })),
    totals: [
      ...(discount ? [{ label: 'Discounts (in the lines)', value: money(-discount) }] : []),
      { label: 'Subtotal', value: money(invoice.subtotalMinor) },
      { label: 'Taxable value', value: money(invoice.taxableSubtotalMinor) },
      { label: 'Total tax', value: money(invoice.taxTotalMinor) },
      { label: 'Grand total', value: money(invoice.grandTotalMinor), strong: true },
      ...(invoice.creditedMinor ? [{ label: 'Credit notes', value: money(-invoice.creditedMinor) }] : []),
      { label: 'Amount paid', value: money(invoice.paidMinor) },
      { label: 'Balance due', value: money(invoice.balanceDueMinor), strong: true },
      ...(invoice.creditBalanceMinor ? [{ label: 'Owed to the customer', value: money(invoice.creditBalanceMinor), strong: true }] : []),
    ],
    notes: [
      ...(invoice.status === 'void' ? [`Voided${invoice.voidedAt ? ` on ${localDate(invoice.voidedAt, location.timezone)}` : ''}: ${invoice.voidReason ?? ''}`.trim()] : []),
      ...(invoice.taxNote ? [invoice.taxNote] : []),
      ...(invoice.taxSummary.length === 0 ? ['No tax charged.'] : []),
    ],
    stamp: invoice.status === 'void' ? 'VOID' : null,
    meta: { title: `Invoice ${invoice.number}`, subject: `${input.sellerName}: invoice ${invoice.number}` },
  };
}
