import { given } from '@workbay/eventstore/testing';
import { customerDecider, SetCustomerBilling } from './customer.decider';
import { CustomerBillingSet, CustomerRegistered } from './customer.events';
import { InvalidBillingField } from './customer-billing.rules';
import { InvalidTaxId } from '../invoices/tax-id.rules';
import { locationDecider } from '../locations/location.decider';
import { LocationOpened } from '../locations/location.events';
import { quoteDecider } from '../quotes/quote.decider';
import { cannedJobDecider } from '../job-catalog/canned-job.decider';

const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: { customerId: 'cus-1', firstName: 'Kiran', lastName: 'Fleet', email: 'kiran@fleet.in', phone: null, registeredAt: '2025-03-01T09:00:00.000Z' },
};
const bengaluru = { line1: '12 Residency Road', city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };
const setBilling = (billing: Partial<SetCustomerBilling>): SetCustomerBilling => ({
  type: 'SetCustomerBilling', setAt: '2025-03-02T09:00:00.000Z', actor: 'advisor-asha', ...billing,
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTaxId || error instanceof InvalidBillingField) return [error.field, error.message];
    throw error;
  }
  throw new Error('accepted');
};

describe('customer billing details', () => {
  it('records a Karnataka business: address and GSTIN, the GSTIN\'s state kept for the invoice', () => {
    const expected: CustomerBillingSet = {
      type: 'CustomerBillingSet',
      data: {
        customerId: 'cus-1', setAt: '2025-03-02T09:00:00.000Z',
        billingAddress: { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' },
        taxId: { scheme: 'IN_GSTIN', value: '29ABCDE1234F1ZW', stateCode: '29' },
      },
    };
    const state = given(customerDecider, [registered]).when(setBilling({ billingAddress: bengaluru, taxId: '29abcde1234f1zw' })).then([expected]);
    expect(state.status === 'registered' && state.taxId).toEqual(expected.data.taxId);
    // The same details again change nothing.
    given(customerDecider, [registered, expected]).when(setBilling({ billingAddress: bengaluru, taxId: '29ABCDE1234F1ZW' })).then([]);
    // Clearing both makes a private customer without an address.
    given(customerDecider, [registered, expected]).when(setBilling({})).then([
      { type: 'CustomerBillingSet', data: { customerId: 'cus-1', billingAddress: null, taxId: null, setAt: '2025-03-02T09:00:00.000Z' } },
    ]);
  });

  it.each([
    { name: 'a GSTIN whose check digit does not match', billing: { taxId: '29ABCDE1234F1ZX' }, field: 'taxId', message: /check digit does not match/ },
    { name: 'an Indian address without its GST state code', billing: { billingAddress: { ...bengaluru, regionCode: 'KA' } }, field: 'billingAddress.regionCode', message: /GST state code/ },
    { name: 'a GSTIN with an address abroad', billing: { billingAddress: { ...bengaluru, regionCode: null, country: 'DE' }, taxId: '29ABCDE1234F1ZW' }, field: 'taxId', message: /belongs to IN, but the billing address is in DE/ },
    { name: 'a French VAT id of the wrong format', billing: { taxId: 'FRIO123456789' }, field: 'taxId', message: /format of a FR VAT id/ },
    { name: 'an unknown country', billing: { billingAddress: { ...bengaluru, country: 'XX' } }, field: 'billingAddress.country', message: /ISO 3166-1/ },
    { name: 'a missing city', billing: { billingAddress: { ...bengaluru, city: ' ' } }, field: 'billingAddress.city', message: /must not be empty/ },
  ])('refuses $name, naming $field', ({ billing, field, message }) => {
    const [named, text] = refusal(() => customerDecider.decide(setBilling(billing as Partial<SetCustomerBilling>), given(customerDecider, [registered]).state));
    expect(named).toBe(field);
    expect(text).toMatch(message);
  });
});

describe('a location\'s own tax id', () => {
  const opened = (taxJurisdiction: LocationOpened['data']['taxJurisdiction'], country: string): LocationOpened => ({
    type: 'LocationOpened',
    data: {
      locationId: 'loc-1', name: 'Pune', timezone: 'Asia/Kolkata', taxJurisdiction, openedAt: '2025-03-01T08:00:00.000Z',
      address: { line1: 'FC Road', line2: null, city: 'Pune', region: 'Maharashtra', postalCode: '411004', country },
    },
  });
  const setTaxId = (taxId: string | null) => ({ type: 'SetLocationTaxId' as const, taxId, setAt: '2025-03-02T08:00:00.000Z', actor: 'owner-omar' });

  it('takes a GSTIN of its own GST state', () => {
    given(locationDecider, [opened({ kind: 'IN_GST', stateCode: '27' }, 'IN')]).when(setTaxId('27AAPFU0939F1ZV')).then([
      { type: 'LocationTaxIdSet', data: { locationId: 'loc-1', taxId: { scheme: 'IN_GSTIN', value: '27AAPFU0939F1ZV', stateCode: '27' }, setAt: '2025-03-02T08:00:00.000Z' } },
    ]);
  });

  it.each([
    { name: 'a GSTIN of another state', jurisdiction: { kind: 'IN_GST', stateCode: '27' }, country: 'IN', taxId: '29ABCDE1234F1ZW', message: /registered in state 29/ },
    { name: 'a VAT id of another member state', jurisdiction: { kind: 'EU_VAT', country: 'DE' }, country: 'DE', taxId: 'FR40303265045', message: /FR VAT id does not register a location charging DE VAT/ },
    { name: 'any id on a NONE location', jurisdiction: { kind: 'NONE' }, country: 'AE', taxId: 'DE123456789', message: /NONE location/ },
  ])('refuses $name (422 naming taxId)', ({ jurisdiction, country, taxId, message }) => {
    const state = given(locationDecider, [opened(jurisdiction as LocationOpened['data']['taxJurisdiction'], country)]).state;
    const [field, text] = refusal(() => locationDecider.decide(setTaxId(taxId), state));
    expect(field).toBe('taxId');
    expect(text).toMatch(message);
  });
});

describe('HSN/SAC codes on lines', () => {
  const create = (kind: 'labor' | 'part', hsnSac: string) => ({
    type: 'CreateQuote' as const, quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', currency: 'INR', createdAt: '2025-03-01T10:00:00.000Z', actor: 'advisor-asha',
    lines: [{ lineId: 'l1', kind, description: 'Work', quantity: 1, unitPriceMinor: 100_000, taxable: true, hsnSac }],
  });

  it.each([['labor', '998714'], ['part', '8708'], ['part', '870830'], ['part', '87083000']] as const)('keeps a %s line\'s code %s', (kind, code) => {
    const [event] = quoteDecider.decide(create(kind, code) as never, quoteDecider.initialState());
    expect((event.data as { lines: { hsnSac?: string }[] }).lines[0].hsnSac).toBe(code);
  });

  it.each([
    ['labor', '8708', /not a SAC code for labor/], ['labor', '987140', /not a SAC code/], ['part', '870', /not an HSN code/], ['part', '87083', /not an HSN code/],
    ['part', '998714A', /not an HSN code/],
  ] as const)('refuses a %s line with %s, naming lines[0].hsnSac', (kind, code, message) => {
    expect(() => quoteDecider.decide(create(kind, code) as never, quoteDecider.initialState())).toThrow(expect.objectContaining({ field: 'lines[0].hsnSac', message: expect.stringMatching(message) }));
  });

  it('validates a canned job\'s SAC per operation and HSN per part', () => {
    const define = (sacCode: string, hsnCode: string) => ({
      type: 'DefineCannedJob' as const, cannedJobId: 'job-1', definedAt: '2025-03-01T10:00:00.000Z', actor: 'owner-omar',
      name: 'Brake job', description: 'Front pads', category: null, code: null, currency: 'INR',
      labor: [{ description: 'Replace pads', hours: 1.5, laborRateMinor: 120_000, taxable: true, sacCode }],
      parts: [{ description: 'Pad set', partNumber: null, quantity: 1, unitPriceMinor: 350_000, taxable: true, hsnCode }],
    });
    const [event] = cannedJobDecider.decide(define('998714', '87083000') as never, cannedJobDecider.initialState());
    expect(JSON.stringify(event.data)).toContain('"sacCode":"998714"');
    expect(JSON.stringify(event.data)).toContain('"hsnCode":"87083000"');
    expect(() => cannedJobDecider.decide(define('998714', '87') as never, cannedJobDecider.initialState())).toThrow(expect.objectContaining({ field: 'parts[0].hsnCode' }));
    expect(() => cannedJobDecider.decide(define('8708', '8708') as never, cannedJobDecider.initialState())).toThrow(expect.objectContaining({ field: 'labor[0].sacCode' }));
  });
});
