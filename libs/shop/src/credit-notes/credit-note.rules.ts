/**
 * What a credit note takes off an invoice, line by line, and the tax it reverses. Pure, integer
 * minor units, against the invoice's state (what earlier credit notes took already).
 *
 * A line is credited either by a quantity returned (a part brought back: its share of the line's
 * amount) or by an amount (goodwill, a price correction), never past what is left of it.
 *
 * Tax is reversed at the invoice's own rates (its taxSummary, not today's tables) with the
 * invoice's own rounding, cumulatively: a credit note reverses, per component, round_half_up(all
 * taxable amounts credited so far, this one included x rate) minus what earlier credit notes
 * reversed. So the credit notes of an invoice together never reverse more tax than it charged, and
 * crediting everything reverses exactly the invoice's tax; the first credit note's tax is just
 * round_half_up(its taxable amount x rate). CGST and SGST are rounded each on its own over the same
 * base, so they stay equal as on the invoice. The component is then shared out over this credit
 * note's lines by largest remainder, as the invoice does (tax-rounding.rules.ts).
 * A returned quantity is priced the same way: round_half_up(line amount x quantities returned so
 * far / line quantity) minus what earlier returns took, so returning every unit gives back exactly
 * the line's amount.
 */
import { amountMinorProblem, hundredthsOf, LINE_QUANTITY, PAYMENT_MINOR, quantityProblem } from '@workbay/platform/fields';
import type { ExistingInvoice } from '../invoices/invoice.decider';
import type { InvoiceLine } from '../invoices/invoice.events';
import type { Money, TaxComponent } from '../invoices/tax.rules';
import { allocateTax, bpsToPpm, roundHalfUpTax } from '../invoices/tax-rounding.rules';
import { InvalidCreditNoteField, LineOverCredited } from './credit-note.errors';
import type { CreditNoteLine } from './credit-note.events';

/** One line of a credit note as asked: exactly one of `quantity` (returned) or `amountMinor` (pre-tax, off the line). */
export interface CreditLineRequest {
  lineId: string;
  quantity?: number | null;
  amountMinor?: number | null;
}

export const MAX_CREDIT_LINES = 200;

export interface CreditComputation {
  lines: CreditNoteLine[];
  /** What each invoice line gives up (for `InvoiceCredited`). */
  taken: Array<{ lineId: string; quantityHundredths: number; amountMinor: number }>;
  taxSummary: TaxComponent[];
  subtotal: Money;
  taxableSubtotal: Money;
  taxTotal: Money;
  grandTotal: Money;
}

/** round_half_up(amount x numerator / denominator) for amount >= 0, exactly (BigInt). */
const shareHalfUp = (amountMinor: number, numerator: number, denominator: number): number =>
  Number((2n * BigInt(amountMinor) * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator)));

const given = (v: unknown) => v !== undefined && v !== null;

/** The pre-tax amount one request takes off its invoice line; throws naming `lines[i].…`. */
function amountOf(request: CreditLineRequest, i: number, line: InvoiceLine, invoice: ExistingInvoice, currency: string): { amountMinor: number; quantityHundredths: number } {
  const at = (name: string) => `lines[${i}].${name}`;
  const before = invoice.credited?.[line.lineId] ?? { quantityHundredths: 0, amountMinor: 0 };
  const left = line.amount.amountMinor - before.amountMinor;
  if (given(request.quantity) === given(request.amountMinor)) {
    throw new InvalidCreditNoteField(at('quantity'), 'give either quantity (returned) or amountMinor (credited off the line), not both and not neither');
  }
  let amountMinor: number;
  let quantityHundredths = 0;
  let field: string;
  if (given(request.quantity)) {
    field = at('quantity');
    const problem = quantityProblem(request.quantity, LINE_QUANTITY);
    if (problem) throw new InvalidCreditNoteField(field, problem);
    quantityHundredths = hundredthsOf(request.quantity as number);
    const billed = hundredthsOf(line.quantity);
    if (before.quantityHundredths + quantityHundredths > billed) {
      throw new LineOverCredited(field, `${request.quantity} is more than the ${(billed - before.quantityHundredths) / 100} of ${line.quantity} billed on line ${line.lineId} not yet returned`);
    }
    amountMinor = shareHalfUp(line.amount.amountMinor, before.quantityHundredths + quantityHundredths, billed)
      - shareHalfUp(line.amount.amountMinor, before.quantityHundredths, billed);
  } else {
    field = at('amountMinor');
    const problem = amountMinorProblem(request.amountMinor, PAYMENT_MINOR);
    if (problem) throw new InvalidCreditNoteField(field, problem);
    amountMinor = request.amountMinor as number;
  }
  if (amountMinor > left) {
    throw new LineOverCredited(field, `${amountMinor} ${currency} minor units is more than the ${left} of line ${line.lineId} not yet credited (pre-tax)`);
  }
  if (amountMinor === 0) throw new InvalidCreditNoteField(field, `line ${line.lineId} was billed at 0: there is nothing to credit`);
  return { amountMinor, quantityHundredths };
}

export function computeCredit(invoice: ExistingInvoice, requests: readonly CreditLineRequest[]): CreditComputation {
  const { currency } = invoice;
  const money = (amountMinor: number): Money => ({ amountMinor, currency });
  if (!Array.isArray(requests) || requests.length === 0) throw new InvalidCreditNoteField('lines', 'credit at least one line of the invoice');
  if (requests.length > MAX_CREDIT_LINES) throw new InvalidCreditNoteField('lines', `at most ${MAX_CREDIT_LINES} lines`);
  const seen = new Set<string>();
  const picked = requests.map((request, i) => {
    const line = invoice.lines.find((l) => l.lineId === request?.lineId);
    if (!line) throw new InvalidCreditNoteField(`lines[${i}].lineId`, `'${request?.lineId}' is not a line of invoice ${invoice.number}`);
    if (seen.has(line.lineId)) throw new InvalidCreditNoteField(`lines[${i}].lineId`, `line ${line.lineId} is credited twice in one credit note`);
    seen.add(line.lineId);
    return { line, ...amountOf(request, i, line, invoice, currency) };
  });

  // Each tax is reversed on the lines the invoice charged it on: where a jurisdiction has several
  // rates (Japan's 10% and 8%), a line was taxed at its category's rate only.
  const taxedAt = (line: InvoiceLine, c: { name: string; rateBps: number }) =>
    line.taxable && line.components.some((x) => x.name === c.name && x.rateBps === c.rateBps);
  const taxableSubtotal = picked.reduce((sum, p) => sum + (p.line.taxable ? p.amountMinor : 0), 0);
  const components = invoice.taxSummary.map(({ name, rateBps }) => {
    const ratePpm = bpsToPpm(rateBps)!;
    const before = invoice.lines.reduce((sum, l) => sum + (taxedAt(l, { name, rateBps }) ? (invoice.credited?.[l.lineId]?.amountMinor ?? 0) : 0), 0);
    const bases = picked.map((p) => (taxedAt(p.line, { name, rateBps }) ? p.amountMinor : 0));
    const base = bases.reduce((sum, b) => sum + b, 0);
    const amountMinor = roundHalfUpTax(before + base, ratePpm) - roundHalfUpTax(before, ratePpm);
    return { name, rateBps, amountMinor, perLine: allocateTax(bases, ratePpm, amountMinor) };
  });

  const lines = picked.map(({ line, amountMinor, quantityHundredths }, i): CreditNoteLine => {
    const lineComponents = components.filter((c) => taxedAt(line, c)).map((c) => ({ name: c.name, rateBps: c.rateBps, amount: money(c.perLine[i]) }));
    const tax = lineComponents.reduce((sum, c) => sum + c.amount.amountMinor, 0);
    return {
      lineId: line.lineId, kind: line.kind, description: line.description, quantity: quantityHundredths ? quantityHundredths / 100 : null,
      amount: money(amountMinor), taxable: line.taxable, components: lineComponents, tax: money(tax), total: money(amountMinor + tax),
    };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.amount.amountMinor, 0);
  const taxTotal = components.reduce((sum, c) => sum + c.amountMinor, 0);
  return {
    lines,
    taken: picked.map((p) => ({ lineId: p.line.lineId, quantityHundredths: p.quantityHundredths, amountMinor: p.amountMinor })),
    taxSummary: components.map((c) => ({ name: c.name, rateBps: c.rateBps, amount: money(c.amountMinor) })),
    subtotal: money(subtotal),
    taxableSubtotal: money(taxableSubtotal),
    taxTotal: money(taxTotal),
    grandTotal: money(subtotal + taxTotal),
  };
}
