/**
 * HSN and SAC codes: India's classification of goods (Harmonized System of Nomenclature) and of
 * services (Services Accounting Code), printed per line on a GST invoice (CGST Rules, rule 46(g)).
 * A part carries an HSN code of 4, 6 or 8 digits (the HS levels: heading, sub-heading, tariff
 * item; 8708 is motor-vehicle parts, 87083000 brakes), labor a SAC of 6 digits in chapter 99
 * (998714: maintenance and repair of motor vehicles). Optional everywhere: rule 46 requires them
 * only above turnover thresholds (4 digits up to 5 crore rupees for B2B, 6 above), which Workbay
 * does not know; when given, they are checked and carried quote -> repair order -> invoice.
 */
import type { QuoteLineKind } from './quote.events';

export const HSN_PATTERN = '^(\\d{4}|\\d{6}|\\d{8})$';
export const SAC_PATTERN = '^99\\d{4}$';

/** The problem with `code` for a line of `kind`, or null when it is a valid HSN (part) or SAC (labor). */
export function hsnSacProblem(kind: QuoteLineKind, code: unknown): string | null {
  if (typeof code !== 'string') return 'must be a string of digits';
  if (kind === 'part') return new RegExp(HSN_PATTERN).test(code) ? null : `'${code}' is not an HSN code for a part (4, 6 or 8 digits, e.g. 8708)`;
  return new RegExp(SAC_PATTERN).test(code) ? null : `'${code}' is not a SAC code for labor (6 digits starting 99, e.g. 998714)`;
}

/** Blank is none; otherwise trimmed and checked. Throws what `fail` makes of the problem. */
export function readHsnSac(kind: QuoteLineKind, raw: unknown, fail: (problem: string) => Error): string | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const code = typeof raw === 'string' ? raw.trim() : raw;
  const problem = hsnSacProblem(kind, code);
  if (problem) throw fail(problem);
  return code as string;
}
