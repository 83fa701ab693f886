import { given } from '@workbay/eventstore/testing';
import {
  CannedJobAlreadyDefined, cannedJobDecider, CannedJobEmpty, CannedJobIsRetired, CannedJobNotFound, CannedJobRevisionMismatch,
  DefineCannedJob, InvalidCannedJobField, RetireCannedJob, ReviseCannedJob,
} from './canned-job.decider';
import { CannedJobDefined, CannedJobRetired, CannedJobRevised, cannedJobStreamCategory } from './canned-job.events';

const BRAKES = {
  name: 'Front brake service',
  description: 'Replace front pads, resurface rotors',
  category: 'Brakes',
  code: 'BRK-F',
  currency: 'INR',
  labor: [{ description: 'Replace front pads', hours: 1.5, laborRateMinor: 120000, taxable: true }],
  parts: [{ description: 'Brake pad set', partNumber: 'BP-1234', quantity: 1, unitPriceMinor: 345050, taxable: true }],
};

const define = (overrides: Partial<DefineCannedJob> = {}): DefineCannedJob => ({
  type: 'DefineCannedJob', cannedJobId: 'job-1', ...BRAKES, definedAt: '2025-05-01T09:00:00.000Z', actor: 'user-1', ...overrides,
});

const defined: CannedJobDefined = {
  type: 'CannedJobDefined',
  data: { cannedJobId: 'job-1', ...BRAKES, revision: 1, definedAt: '2025-05-01T09:00:00.000Z' },
};

const revise = (overrides: Partial<ReviseCannedJob> = {}): ReviseCannedJob => ({
  type: 'ReviseCannedJob', ...BRAKES, revisedAt: '2025-06-01T09:00:00.000Z', actor: 'user-2', ...overrides,
});

const revised = (revision: number, overrides: Partial<CannedJobRevised['data']> = {}): CannedJobRevised => ({
  type: 'CannedJobRevised',
  data: { cannedJobId: 'job-1', ...BRAKES, revision, revisedAt: '2025-06-01T09:00:00.000Z', ...overrides },
});

const retire: RetireCannedJob = { type: 'RetireCannedJob', reason: 'supplier discontinued the pads', retiredAt: '2025-07-01T09:00:00.000Z', actor: 'user-1' };
const retired: CannedJobRetired = {
  type: 'CannedJobRetired', data: { cannedJobId: 'job-1', reason: 'supplier discontinued the pads', retiredAt: '2025-07-01T09:00:00.000Z' },
};

describe('CannedJob', () => {
  it("lives in the 'canned-job' stream category", () => {
    expect(cannedJobStreamCategory).toBe('canned-job');
  });

  describe('defining a canned job', () => {
    it('defines an active job at revision 1 with its labor and parts', () => {
      const state = given(cannedJobDecider).when(define()).then([defined]);
      expect(state).toMatchObject({ status: 'active', revision: 1, revisedAt: null, labor: BRAKES.labor, parts: BRAKES.parts });
    });

    it('trims text, turns blank category, code and part number into null, and upper-cases the currency', () => {
      given(cannedJobDecider).when(define({
        name: '  Front   brake service ', category: ' ', code: undefined, currency: 'inr',
        parts: [{ ...BRAKES.parts[0], description: ' Brake pad set ', partNumber: '' }],
      })).then([{
        type: 'CannedJobDefined',
        data: { ...defined.data, category: null, code: null, parts: [{ ...BRAKES.parts[0], partNumber: null }] },
      }]);
    });

    it('accepts a job of labor only and a job of parts only', () => {
      given(cannedJobDecider).when(define({ parts: [] })).then([{ type: 'CannedJobDefined', data: { ...defined.data, parts: [] } }]);
      given(cannedJobDecider).when(define({ labor: [] })).then([{ type: 'CannedJobDefined', data: { ...defined.data, labor: [] } }]);
    });

    it("keeps a reduced tax category, drops 'standard' (the default) and refuses any other naming the field", () => {
      const [op] = BRAKES.labor;
      const [part] = BRAKES.parts;
      given(cannedJobDecider).when(define({ labor: [{ ...op, taxCategory: 'reduced' }], parts: [{ ...part, taxCategory: 'standard' }] }))
        .then([{ type: 'CannedJobDefined', data: { ...defined.data, labor: [{ ...defined.data.labor[0], taxCategory: 'reduced' }] } }]);
      given(cannedJobDecider).when(define({ parts: [{ ...part, taxCategory: 'zero' as never }] })).thenThrows(InvalidCannedJobField, { field: 'parts[0].taxCategory' });
    });

    it('refuses a job with neither labor nor parts', () => {
      given(cannedJobDecider).when(define({ labor: [], parts: [] })).thenThrows(CannedJobEmpty, { field: 'labor' });
    });

    it('refuses defining the same job twice with 409', () => {
      const error = given(cannedJobDecider, [defined]).when(define()).thenThrows(CannedJobAlreadyDefined, { kind: 'conflict', message: /is active/ });
      expect(error.status).toBe('active');
    });

    it.each([
      ['name', { name: '  ' }],
      ['description', { description: '' }],
      ['code', { code: 'x'.repeat(41) }],
      ['currency', { currency: 'RUPEES' }],
      ['currency', { currency: 'ABC' }],
      ['labor[0].hours', { labor: [{ ...BRAKES.labor[0], hours: 1.255 }] }],
      ['labor[0].hours', { labor: [{ ...BRAKES.labor[0], hours: 0 }] }],
      ['labor[0].laborRateMinor', { labor: [{ ...BRAKES.labor[0], laborRateMinor: 1200.5 }] }],
      ['labor[0].laborRateMinor', { labor: [{ ...BRAKES.labor[0], laborRateMinor: -1 }] }],
      ['labor[0].description', { labor: [{ ...BRAKES.labor[0], description: ' ' }] }],
      ['parts[0].quantity', { parts: [{ ...BRAKES.parts[0], quantity: -2 }] }],
      ['parts[0].unitPriceMinor', { parts: [{ ...BRAKES.parts[0], unitPriceMinor: Number.MAX_SAFE_INTEGER }] }],
      ['parts[0].taxable', { parts: [{ ...BRAKES.parts[0], taxable: 'yes' as unknown as boolean }] }],
      // The field rules (@workbay/platform/fields), the same the DTO applies:
      ['labor[0].hours', { labor: [{ ...BRAKES.labor[0], hours: 1.000000001 }] }],
      ['labor[0].hours', { labor: [{ ...BRAKES.labor[0], hours: 1000.5 }] }],
      ['parts[0].quantity', { parts: [{ ...BRAKES.parts[0], quantity: 100000.5 }] }],
      ['parts[0].unitPriceMinor', { parts: [{ ...BRAKES.parts[0], unitPriceMinor: 1_000_000_000_01 }] }],
      ['name', { name: 'Brakes\u0007Front' }],
      ['code', { code: 'BRK\tF' }],
    ])('names %s when it breaks a rule', (field, overrides) => {
      given(cannedJobDecider).when(define(overrides as Partial<DefineCannedJob>)).thenThrows(InvalidCannedJobField, { field });
    });
  });

  describe('revising a canned job', () => {
    it('replaces the contents and bumps the revision', () => {
      const labor = [{ description: 'Replace front pads', hours: 1.25, laborRateMinor: 130000, taxable: true }];
      const state = given(cannedJobDecider, [defined]).when(revise({ labor, parts: [] })).then([revised(2, { labor, parts: [] })]);
      expect(state).toMatchObject({ status: 'active', revision: 2, labor, parts: [], revisedAt: '2025-06-01T09:00:00.000Z' });
    });

    it('counts revisions on from the last one', () => {
      given(cannedJobDecider, [defined, revised(2, { name: 'Brakes' })]).when(revise()).then([revised(3)]);
    });

    it('records nothing when the revision changes nothing', () => {
      given(cannedJobDecider, [defined]).when(revise({ name: ' Front brake service ' })).then([]);
    });

    it('refuses a revision made against an older revision with 409', () => {
      given(cannedJobDecider, [defined, revised(2, { name: 'Brakes' })])
        .when(revise({ expectedRevision: 1 })).thenThrows(CannedJobRevisionMismatch, { kind: 'conflict', field: 'expectedRevision' });
      given(cannedJobDecider, [defined, revised(2, { name: 'Brakes' })]).when(revise({ expectedRevision: 2 })).then([revised(3)]);
    });

    it('refuses revising a retired job with 409 naming its state', () => {
      const error = given(cannedJobDecider, [defined, retired]).when(revise({ name: 'Brakes' }))
        .thenThrows(CannedJobIsRetired, { kind: 'conflict', code: 'CANNED_JOB_RETIRED', message: /canned job is retired/ });
      expect(error.status).toBe('retired');
    });

    it('refuses revising a job that does not exist with 404', () => {
      given(cannedJobDecider).when(revise()).thenThrows(CannedJobNotFound, { kind: 'not-found' });
    });

    it('validates the new contents like a definition', () => {
      given(cannedJobDecider, [defined]).when(revise({ parts: [{ ...BRAKES.parts[0], quantity: 0.001 }] }))
        .thenThrows(InvalidCannedJobField, { field: 'parts[0].quantity' });
    });
  });

  describe('retiring a canned job', () => {
    it('retires an active job, keeping its contents', () => {
      const state = given(cannedJobDecider, [defined]).when(retire).then([retired]);
      expect(state).toMatchObject({ status: 'retired', retireReason: 'supplier discontinued the pads', revision: 1, name: BRAKES.name });
    });

    it('retires without a reason', () => {
      given(cannedJobDecider, [defined]).when({ ...retire, reason: undefined })
        .then([{ type: 'CannedJobRetired', data: { ...retired.data, reason: null } }]);
    });

    it('refuses retiring a retired job with 409 naming its state', () => {
      given(cannedJobDecider, [defined, retired]).when(retire).thenThrows(CannedJobIsRetired, { message: /retired; only an active canned job can be retired/ });
    });

    it('refuses retiring a job that does not exist with 404', () => {
      given(cannedJobDecider).when(retire).thenThrows(CannedJobNotFound);
    });
  });
});
