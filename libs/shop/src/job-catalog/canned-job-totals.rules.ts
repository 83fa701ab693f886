/**
 * What a canned job comes to, pre-tax, in integer minor units of its currency. Each labor
 * operation and part is rounded like the quote line it becomes (lineTotalMinor), so a quote built
 * from a job shows the same totals as the catalog.
 */
import { lineTotalMinor } from '../quotes/quote-totals.rules';
import type { CannedJobLabor, CannedJobPart } from './canned-job.events';

export interface CannedJobTotals {
  /** Sum of round(hours x labor rate) over the labor operations. */
  laborTotalMinor: number;
  /** Sum of round(quantity x unit price) over the parts. */
  partsTotalMinor: number;
  totalMinor: number;
  /** Of totalMinor, the taxable operations and parts. */
  taxableTotalMinor: number;
  /** Sold (billed) labor hours: the sum of the operations' hours, exact to 2 decimals. */
  laborHours: number;
}

export function cannedJobTotals(job: { labor: readonly CannedJobLabor[]; parts: readonly CannedJobPart[] }): CannedJobTotals {
  let laborTotalMinor = 0;
  let partsTotalMinor = 0;
  let taxableTotalMinor = 0;
  let hundredthsOfHours = 0; // summed in hundredths: 0.1 + 0.2 is not 0.3 in floating point
  for (const op of job.labor) {
    const total = lineTotalMinor({ quantity: op.hours, unitPriceMinor: op.laborRateMinor });
    laborTotalMinor += total;
    if (op.taxable) taxableTotalMinor += total;
    hundredthsOfHours += Math.round(op.hours * 100);
  }
  for (const part of job.parts) {
    const total = lineTotalMinor(part);
    partsTotalMinor += total;
    if (part.taxable) taxableTotalMinor += total;
  }
  return { laborTotalMinor, partsTotalMinor, totalMinor: laborTotalMinor + partsTotalMinor, taxableTotalMinor, laborHours: hundredthsOfHours / 100 };
}
