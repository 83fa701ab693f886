import { fold } from '@workbay/eventstore';
import { DuplicateQuoteLineId } from '../quotes/quote.decider';
import { quoteTotals } from '../quotes/quote-totals.rules';
import { cannedJobDecider, CannedJobState } from './canned-job.decider';
import { CannedJobDefined, CannedJobEvent } from './canned-job.events';
import { CannedJobCurrencyMismatch, ExplicitQuoteLine, quoteLinesFrom, RetiredCannedJobNotQuotable, UnknownCannedJob } from './canned-job-quote-lines.rules';
import { cannedJobTotals } from './canned-job-totals.rules';

const definedJob = (id: string, data: Partial<CannedJobDefined['data']> = {}): CannedJobDefined => ({
  type: 'CannedJobDefined',
  data: {
    cannedJobId: id, name: 'Oil change', description: 'Drain and refill engine oil, new filter', category: 'Maintenance', code: 'OIL',
    currency: 'INR', revision: 1, definedAt: '2025-05-01T09:00:00.000Z',
    labor: [{ description: 'Drain and refill', hours: 0.5, laborRateMinor: 100000, taxable: true }],
    parts: [
      { description: 'Engine oil 5W-30, litre', partNumber: null, quantity: 3.5, unitPriceMinor: 65000, taxable: true },
      { description: 'Oil filter', partNumber: 'OF-77', quantity: 1, unitPriceMinor: 45000, taxable: false },
    ],
    ...data,
  },
});

const job = (...events: CannedJobEvent[]): CannedJobState => fold(cannedJobDecider, events);
const OIL = job(definedJob('job-oil'));
const WIPERS = job(definedJob('job-wipers', {
  name: 'Wiper blades', labor: [], parts: [{ description: 'Wiper blade pair', partNumber: 'WB-22', quantity: 1, unitPriceMinor: 89900, taxable: true }],
}));
const EXPLICIT: ExplicitQuoteLine = { kind: 'labor', description: 'Diagnose rattle', quantity: 0.75, unitPriceMinor: 120000, taxable: true };

describe('building quote lines from canned jobs', () => {
  it("carries a labor operation's or a part's reduced tax category to its quote line (a haircut at an EU reduced rate)", () => {
    const salon = job(definedJob('job-cut', {
      name: 'Cut and wax', currency: 'EUR',
      labor: [{ description: 'Haircut', hours: 1, laborRateMinor: 4_500, taxable: true, taxCategory: 'reduced' }],
      parts: [{ description: 'Hair wax', partNumber: null, quantity: 1, unitPriceMinor: 1_850, taxable: true }],
    }));
    expect(quoteLinesFrom([], [salon], 'EUR').map((l) => [l.description, l.taxCategory ?? 'standard'])).toEqual([
      ['Cut and wax: Haircut', 'reduced'], ['Cut and wax: Hair wax', 'standard'],
    ]);
  });

  it('keeps explicit lines first and numbers every line line-1..n across the quote', () => {
    const lines = quoteLinesFrom([EXPLICIT], [OIL, WIPERS], 'INR');
    expect(lines).toEqual([
      { lineId: 'line-1', ...EXPLICIT },
      { lineId: 'line-2', kind: 'labor', description: 'Oil change: Drain and refill', quantity: 0.5, unitPriceMinor: 100000, taxable: true },
      { lineId: 'line-3', kind: 'part', description: 'Oil change: Engine oil 5W-30, litre', quantity: 3.5, unitPriceMinor: 65000, taxable: true },
      { lineId: 'line-4', kind: 'part', description: 'Oil change: Oil filter (OF-77)', quantity: 1, unitPriceMinor: 45000, taxable: false },
      { lineId: 'line-5', kind: 'part', description: 'Wiper blades: Wiper blade pair (WB-22)', quantity: 1, unitPriceMinor: 89900, taxable: true },
    ]);
  });

  it('builds a quote from canned jobs alone, and leaves explicit lines as they are today when there are none', () => {
    expect(quoteLinesFrom([], [WIPERS], 'INR').map((l) => l.lineId)).toEqual(['line-1']);
    expect(quoteLinesFrom([EXPLICIT, { ...EXPLICIT, lineId: 'diag' }], [], 'INR').map((l) => l.lineId)).toEqual(['line-1', 'diag']);
  });

  it('expands the same job twice when it is given twice', () => {
    expect(quoteLinesFrom([], [WIPERS, WIPERS], 'INR').map((l) => [l.lineId, l.description])).toEqual([
      ['line-1', 'Wiper blades: Wiper blade pair (WB-22)'], ['line-2', 'Wiper blades: Wiper blade pair (WB-22)'],
    ]);
  });

  it('uses the latest revision of a job', () => {
    const revisedOil = job(definedJob('job-oil'), {
      type: 'CannedJobRevised',
      data: { ...definedJob('job-oil').data, name: 'Synthetic oil change', parts: [], revision: 2, revisedAt: '2025-06-01T00:00:00.000Z' },
    });
    expect(quoteLinesFrom([], [revisedOil], 'INR').map((l) => l.description)).toEqual(['Synthetic oil change: Drain and refill']);
  });

  it('gives the quote the same totals as the jobs have in the catalog', () => {
    const lines = quoteLinesFrom([], [OIL, WIPERS], 'INR');
    const oil = cannedJobTotals(OIL as Exclude<CannedJobState, { status: 'none' }>);
    const wipers = cannedJobTotals(WIPERS as Exclude<CannedJobState, { status: 'none' }>);
    const totals = quoteTotals({ currency: 'INR', lines }, []);
    expect(totals.subtotalMinor).toBe(oil.totalMinor + wipers.totalMinor);
    expect(totals.taxableSubtotalMinor).toBe(oil.taxableTotalMinor + wipers.taxableTotalMinor);
  });

  it('refuses an unknown job with 422 naming its place in cannedJobIds', () => {
    expect(() => quoteLinesFrom([], [OIL, { status: 'none' }], 'INR')).toThrow(expect.objectContaining({ field: 'cannedJobIds[1]', kind: 'rule' }));
    expect(() => quoteLinesFrom([], [{ status: 'none' }], 'INR')).toThrow(UnknownCannedJob);
  });

  it('refuses a retired job with 422 naming its place in cannedJobIds', () => {
    const retired = job(definedJob('job-oil'), { type: 'CannedJobRetired', data: { cannedJobId: 'job-oil', reason: null, retiredAt: '2025-06-01T00:00:00.000Z' } });
    const attempt = () => quoteLinesFrom([EXPLICIT], [WIPERS, retired], 'INR');
    expect(attempt).toThrow(RetiredCannedJobNotQuotable);
    expect(attempt).toThrow(expect.objectContaining({ field: 'cannedJobIds[1]', kind: 'rule', message: expect.stringMatching(/retired/) }));
  });

  it('refuses a job priced in another currency than the quote', () => {
    expect(() => quoteLinesFrom([], [OIL], 'EUR')).toThrow(CannedJobCurrencyMismatch);
  });

  it('refuses an explicit line id that a canned line would take, naming the explicit line', () => {
    const attempt = () => quoteLinesFrom([{ ...EXPLICIT, lineId: 'line-3' }], [OIL], 'INR');
    expect(attempt).toThrow(DuplicateQuoteLineId);
    expect(attempt).toThrow(expect.objectContaining({ field: 'lines[0].lineId' }));
  });
});

describe('canned job totals', () => {
  it('prices labor as hours x rate and parts as quantity x price, each rounded like a quote line', () => {
    expect(cannedJobTotals(OIL as Exclude<CannedJobState, { status: 'none' }>)).toEqual({
      laborTotalMinor: 50000,
      partsTotalMinor: 227500 + 45000,
      totalMinor: 50000 + 227500 + 45000,
      taxableTotalMinor: 50000 + 227500,
      laborHours: 0.5,
    });
  });

  it('sums sold hours exactly to 2 decimals', () => {
    const labor = [0.1, 0.2, 0.29].map((hours) => ({ description: 'x', hours, laborRateMinor: 50, taxable: false }));
    expect(cannedJobTotals({ labor, parts: [] })).toMatchObject({ laborHours: 0.59, laborTotalMinor: 5 + 10 + 15 });
  });

  it('is zero for a job without labor', () => {
    expect(cannedJobTotals({ labor: [], parts: [] })).toEqual({ laborTotalMinor: 0, partsTotalMinor: 0, totalMinor: 0, taxableTotalMinor: 0, laborHours: 0 });
  });
});
