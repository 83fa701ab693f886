/**
 * Invoice tax: which taxes the shop location charges on an invoice's taxable lines, per line and
 * per invoice, in integer minor units of the invoice currency. Pure: the jurisdiction comes from
 * tenant configuration and the place of supply from the command.
 *
 * Rounding rule: each tax component (CGST, SGST, IGST, VAT, sales tax) is computed once on the
 * invoice's taxable subtotal and rounded half-up to the minor unit; that total is then shared out
 * over the taxable lines by largest remainder, so line amounts add up to it exactly. Why per
 * invoice and per component rather than per line:
 * - The error is at most half a minor unit per component, whatever the number of lines; rounding
 *   per line drifts by up to half a unit per line.
 * - EN 16931, the EU e-invoice standard, defines the VAT of each rate as taxable amount x rate
 *   rounded to 2 decimals at document level (rule BR-CO-17); US sellers may compute on the invoice
 *   (Streamlined Sales and Use Tax Agreement s. 324).
 * - Indian GST invoices must show each item's CGST/SGST/IGST (CGST Rules, rule 46): the allocated
 *   line amounts are these, each within one paisa of the item's exact tax.
 * - CGST and SGST are rounded each on their own, never derived from a rounded 18%, so they are
 *   always equal; their sum can therefore exceed IGST on the same base by one minor unit (a base of
 *   0.50 INR: 9% is 4.5 paise -> 5 + 5 = 10 paise, while 18% is exactly 9 paise).
 * - Where a jurisdiction has several rates (Japan: 10% standard, 8% reduced), the same is done per
 *   rate category: each category's taxable lines make their own base, rounded once, and shared out
 *   over those lines only. Japan's qualified invoice rules ask exactly this: one rounding per rate
 *   per invoice (Consumption Tax Act Enforcement Order, art. 70-10).
 */
import { currencyExponent } from './tax-currency.rules';
import { DuplicateTaxLineId, InvalidTaxLine, TaxCurrencyMismatch, UnknownTaxJurisdiction } from './tax.errors';
import { hasReducedRate, TAX_CATEGORIES, TaxCategory, TaxComponentName, TaxJurisdiction, taxComponentsFor } from './tax-jurisdiction.rules';
import { allocateTax, ppmToBps, roundHalfUpTax } from './tax-rounding.rules';

export * from './tax-currency.rules';
export * from './tax.errors';
export * from './tax-jurisdiction.rules';

/** Integer minor units (paise, cents, yen, fils) of an ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface InvoiceTaxLine {
  lineId: string;
  /** The line's pre-tax amount (quantity x unit price, already rounded), >= 0. */
  amount: Money;
  taxable: boolean;
  /** The line's rate category; absent: standard. */
  category?: TaxCategory;
}

export interface InvoiceTaxInput {
  currency: string;
  /** The shop location's jurisdiction, from tenant configuration. */
  jurisdiction: TaxJurisdiction;
  /** Indian GST only: the GST state code of the place of supply, e.g. '29'. Ignored elsewhere. */
  placeOfSupply?: string;
  lines: readonly InvoiceTaxLine[];
}

export interface TaxComponent {
  name: TaxComponentName;
  /** Basis points, possibly with 2 decimals: 900 = 9%, 887.5 = 8.875%. */
  rateBps: number;
  amount: Money;
}

export interface LineTax {
  lineId: string;
  taxable: boolean;
  amount: Money;
  /** Empty for a non-taxable line; otherwise one entry per invoice component, same order. */
  components: TaxComponent[];
  tax: Money;
  /** amount + tax */
  total: Money;
}

export interface InvoiceTax {
  currency: string;
  /** Decimal places of the currency's minor unit (INR 2, JPY 0, BHD 3), for display. */
  currencyExponent: number;
  lines: LineTax[];
  subtotal: Money;
  taxableSubtotal: Money;
  /** One entry per component of the jurisdiction, even at 0 (e.g. US sales tax not configured). */
  components: TaxComponent[];
  taxTotal: Money;
  /** subtotal + taxTotal */
  grandTotal: Money;
}

function validLines(lines: readonly InvoiceTaxLine[], currency: string, jurisdiction: TaxJurisdiction): InvoiceTaxLine[] {
  if (!Array.isArray(lines)) throw new InvalidTaxLine('lines', 'lines must be a list');
  const seen = new Set<string>();
  return lines.map((line, i) => {
    const at = (name: string) => `lines[${i}].${name}`;
    const { lineId, amount, taxable } = line;
    if (typeof lineId !== 'string' || lineId.trim() === '') throw new InvalidTaxLine(at('lineId'), 'line id must not be empty');
    if (seen.has(lineId)) throw new DuplicateTaxLineId(at('lineId'), lineId);
    seen.add(lineId);
    if (amount?.currency !== currency) throw new TaxCurrencyMismatch(at('amount.currency'), currency, amount?.currency);
    if (!Number.isSafeInteger(amount.amountMinor)) {
      throw new InvalidTaxLine(at('amount.amountMinor'), 'amount must be a whole number of minor units');
    }
    if (amount.amountMinor < 0) throw new InvalidTaxLine(at('amount.amountMinor'), 'amount must not be negative');
    if (typeof taxable !== 'boolean') throw new InvalidTaxLine(at('taxable'), 'taxable must be true or false');
    if (line.category !== undefined && !TAX_CATEGORIES.includes(line.category)) {
      throw new InvalidTaxLine(at('taxCategory'), `taxCategory must be one of ${TAX_CATEGORIES.join(', ')}`);
    }
    if (line.category === 'reduced' && !hasReducedRate(jurisdiction)) {
      const hint = jurisdiction.kind === 'EU_VAT' ? ': configure the location\'s taxJurisdiction.reducedRateBps' : '; JP_CONSUMPTION_TAX and EU_VAT (configured) do';
      throw new InvalidTaxLine(at('taxCategory'), `${jurisdiction.kind} has no reduced rate here${hint}`);
    }
    return line;
  });
}

/**
 * Tax for an invoice's lines under the shop location's jurisdiction. Throws a DomainError
 * subclass naming the field for invalid lines, currency, rates, country or state codes.
 */
export function computeInvoiceTax(input: InvoiceTaxInput): InvoiceTax {
  const { currency, jurisdiction, placeOfSupply } = input;
  const exponent = currencyExponent(currency);
  if (typeof jurisdiction !== 'object' || jurisdiction === null) throw new UnknownTaxJurisdiction(jurisdiction);
  const standardRates = taxComponentsFor(jurisdiction, placeOfSupply);
  const lines = validLines(input.lines, currency, jurisdiction);
  const categoryOf = (l: InvoiceTaxLine): TaxCategory => l.category ?? 'standard';
  // The standard category is always listed (even at 0, as before); another only when a line is in it.
  const categories = TAX_CATEGORIES.filter((c) => c === 'standard' || lines.some((l) => l.taxable && categoryOf(l) === c));
  const rates = categories.flatMap((category) =>
    (category === 'standard' ? standardRates : taxComponentsFor(jurisdiction, placeOfSupply, category)).map((r) => ({ ...r, category })));
  const money = (amountMinor: number): Money => ({ amountMinor, currency });

  const subtotal = lines.reduce((sum, l) => sum + l.amount.amountMinor, 0);
  const taxableBases = lines.map((l) => (l.taxable ? l.amount.amountMinor : 0));
  const taxableSubtotal = taxableBases.reduce((sum, b) => sum + b, 0);
  // Component rates add up to at most 100%, so tax <= taxable subtotal + one rounding unit per
  // component: checking that bound keeps every later sum an exact integer.
  if (!Number.isSafeInteger(subtotal + taxableSubtotal + rates.length)) {
    throw new InvalidTaxLine('lines', 'the invoice total is too large');
  }

  const components = rates.map(({ name, ratePpm, category }) => {
    const bases = lines.map((l, i) => (categoryOf(l) === category ? taxableBases[i] : 0));
    const amountMinor = roundHalfUpTax(bases.reduce((sum, b) => sum + b, 0), ratePpm);
    return { name, ratePpm, category, amountMinor, perLine: allocateTax(bases, ratePpm, amountMinor) };
  });
  const taxTotal = components.reduce((sum, c) => sum + c.amountMinor, 0);

  return {
    currency,
    currencyExponent: exponent,
    lines: lines.map((line, i) => {
      const lineComponents = line.taxable
        ? components.filter((c) => c.category === categoryOf(line)).map((c) => ({ name: c.name, rateBps: ppmToBps(c.ratePpm), amount: money(c.perLine[i]) }))
        : [];
      const tax = lineComponents.reduce((sum, c) => sum + c.amount.amountMinor, 0);
      return {
        lineId: line.lineId,
        taxable: line.taxable,
        amount: money(line.amount.amountMinor),
        components: lineComponents,
        tax: money(tax),
        total: money(line.amount.amountMinor + tax),
      };
    }),
    subtotal: money(subtotal),
    taxableSubtotal: money(taxableSubtotal),
    components: components.map((c) => ({ name: c.name, rateBps: ppmToBps(c.ratePpm), amount: money(c.amountMinor) })),
    taxTotal: money(taxTotal),
    grandTotal: money(subtotal + taxTotal),
  };
}
