/**
 * Building a quote from the job catalog: explicit lines first (keeping the ids they have today),
 * then each canned job's labor operations and parts, in the order the jobs were given. Every line
 * without an id gets `line-<n>`, n its position in the whole quote. Pure: the handler loads the
 * jobs; the quote decider validates the result as it validates any lines.
 */
import { DomainError } from '@workbay/eventstore/core';
import { DuplicateQuoteLineId } from '../quotes/quote.decider';
import type { QuoteLine, QuoteLineKind } from '../quotes/quote.events';
import type { CannedJobState } from './canned-job.decider';

export interface ExplicitQuoteLine {
  lineId?: string;
  kind: QuoteLineKind;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  taxable: boolean;
  hsnSac?: string | null;
  taxCategory?: 'standard' | 'reduced' | null;
}

/** No canned job with that id in this tenant's catalog (404, like any unknown id). */
export class UnknownCannedJob extends DomainError {
  readonly code = 'CANNED_JOB_NOT_FOUND';
  // An id in the body, not the path: a 422 naming it (404 is for the record the request is about).
  constructor(readonly field: string) {
    super(`${field}: no such canned job in the catalog`);
  }
}

/** A retired job stays readable in the catalog but is not offered any more (422). */
export class RetiredCannedJobNotQuotable extends DomainError {
  readonly code = 'CANNED_JOB_NOT_QUOTABLE';
  readonly status = 'retired' as const;
  constructor(readonly field: string, name: string) {
    super(`${field}: canned job '${name}' is retired; only an active canned job can be quoted`);
  }
}

/** The job was priced in another currency than the quote's (the tenant's currency changed since). */
export class CannedJobCurrencyMismatch extends DomainError {
  readonly code = 'CANNED_JOB_CURRENCY_MISMATCH';
  constructor(readonly field: string, jobCurrency: string, quoteCurrency: string) {
    super(`${field}: canned job is priced in ${jobCurrency}, the quote is in ${quoteCurrency}; revise the job first`);
  }
}

/**
 * The quote's lines: `explicit` as given, then the lines of `jobs` (jobs[i] is the state loaded for
 * cannedJobIds[i]). Labor becomes quantity = hours at the labor rate; parts keep quantity and
 * price; descriptions read '<job name>: <operation or part>'.
 */
export function quoteLinesFrom(explicit: readonly ExplicitQuoteLine[], jobs: readonly CannedJobState[], currency: string): QuoteLine[] {
  const fromJobs: Omit<QuoteLine, 'lineId'>[] = jobs.flatMap((job, i) => {
    const field = `cannedJobIds[${i}]`;
    if (job.status === 'none') throw new UnknownCannedJob(field);
    if (job.status === 'retired') throw new RetiredCannedJobNotQuotable(field, job.name);
    if (job.currency !== currency) throw new CannedJobCurrencyMismatch(field, job.currency, currency);
    return [
      ...job.labor.map((op) => ({
        kind: 'labor' as const, description: `${job.name}: ${op.description}`, quantity: op.hours, unitPriceMinor: op.laborRateMinor, taxable: op.taxable,
        ...(op.sacCode ? { hsnSac: op.sacCode } : {}),
        ...(op.taxCategory === 'reduced' ? { taxCategory: 'reduced' as const } : {}),
      })),
      ...job.parts.map((part) => ({
        kind: 'part' as const,
        description: `${job.name}: ${part.description}${part.partNumber ? ` (${part.partNumber})` : ''}`,
        quantity: part.quantity, unitPriceMinor: part.unitPriceMinor, taxable: part.taxable,
        ...(part.hsnCode ? { hsnSac: part.hsnCode } : {}),
        ...(part.taxCategory === 'reduced' ? { taxCategory: 'reduced' as const } : {}),
      })),
    ];
  });
  const lines: QuoteLine[] = [
    ...explicit.map((line, i) => ({
      lineId: line.lineId ?? `line-${i + 1}`,
      kind: line.kind, description: line.description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, taxable: line.taxable,
      ...(line.hsnSac ? { hsnSac: line.hsnSac } : {}),
      ...(line.taxCategory === undefined || line.taxCategory === null ? {} : { taxCategory: line.taxCategory as 'reduced' }),
    })),
    ...fromJobs.map((line, j) => ({ lineId: `line-${explicit.length + j + 1}`, ...line })),
  ];
  // An explicit id may name a position a canned line takes ('line-5' on a 2-line input): the client's line is the one to rename.
  const generated = new Set(lines.slice(explicit.length).map((l) => l.lineId));
  explicit.forEach((line, i) => {
    if (line.lineId !== undefined && generated.has(line.lineId.trim())) throw new DuplicateQuoteLineId(`lines[${i}].lineId`, line.lineId.trim());
  });
  return lines;
}
