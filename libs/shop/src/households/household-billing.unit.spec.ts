import { given } from '@workbay/eventstore/testing';
import { InvalidBillingField } from '../customers/customer-billing.rules';
import { InvalidTaxId } from '../invoices/tax-id.rules';
import { householdDecider, HouseholdNotFound, SetHouseholdBilling } from './household.decider';
import { HouseholdBillingSet, HouseholdFormed } from './household.events';

const at = '2025-04-01T09:00:00.000Z';
const formed: HouseholdFormed = { type: 'HouseholdFormed', data: { householdId: 'h-1', name: 'Deccan Fleet', formedAt: at } };
const pune = { line1: 'FC Road 14', city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' };
const setBilling = (billing: Partial<SetHouseholdBilling>): SetHouseholdBilling => ({ type: 'SetHouseholdBilling', setAt: at, actor: 'advisor-asha', ...billing });
const billingSet: HouseholdBillingSet = {
  type: 'HouseholdBillingSet',
  data: {
    householdId: 'h-1', setAt: at,
    billingAddress: { line1: 'FC Road 14', line2: null, city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' },
    taxId: { scheme: 'IN_GSTIN', value: '27AAPFU0939F1ZV', stateCode: '27' },
  },
};

describe('household billing details', () => {
  it('records a fleet registered in Maharashtra: address and GSTIN, checked and kept as the customer\'s are', () => {
    const state = given(householdDecider, [formed]).when(setBilling({ billingAddress: pune, taxId: ' 27aapfu0939f1zv ' })).then([billingSet]);
    expect(state).toMatchObject({ status: 'formed', name: 'Deccan Fleet', taxId: billingSet.data.taxId, billingAddress: billingSet.data.billingAddress });
    // The same details again change nothing; a rename keeps them.
    given(householdDecider, [formed, billingSet]).when(setBilling({ billingAddress: pune, taxId: '27AAPFU0939F1ZV' })).then([]);
    const renamed = given(householdDecider, [formed, billingSet]).when({ type: 'RenameHousehold', name: 'Deccan Fleet Services', renamedAt: at, actor: 'u' })
      .then([{ type: 'HouseholdRenamed', data: { householdId: 'h-1', name: 'Deccan Fleet Services', renamedAt: at } }]);
    expect(renamed).toMatchObject({ taxId: billingSet.data.taxId });
  });

  it('clears both when neither is given (PUT), and a household formed before billing existed has none', () => {
    expect(given(householdDecider, [formed]).state).toMatchObject({ billingAddress: null, taxId: null });
    given(householdDecider, [formed, billingSet]).when(setBilling({})).then([
      { type: 'HouseholdBillingSet', data: { householdId: 'h-1', billingAddress: null, taxId: null, setAt: at } },
    ]);
    given(householdDecider, [formed]).when(setBilling({ taxId: null, billingAddress: null })).then([]);
  });

  it.each([
    { name: 'a GSTIN whose check digit does not match', billing: { taxId: '27AAPFU0939F1ZW' }, error: InvalidTaxId, field: 'taxId', message: /check digit does not match/ },
    { name: 'an Indian address without its GST state code', billing: { billingAddress: { ...pune, regionCode: 'MH' } }, error: InvalidBillingField, field: 'billingAddress.regionCode', message: /GST state code/ },
    { name: 'a GSTIN with an address abroad', billing: { billingAddress: { ...pune, regionCode: null, country: 'DE' }, taxId: '27AAPFU0939F1ZV' }, error: InvalidBillingField, field: 'taxId', message: /belongs to IN/ },
    { name: 'an EU VAT id of the wrong format', billing: { taxId: 'DE12345678' }, error: InvalidTaxId, field: 'taxId', message: /format of a DE VAT id/ },
  ])('refuses $name, naming $field', ({ billing, error, field, message }) => {
    const state = given(householdDecider, [formed]).state;
    const refuse = () => householdDecider.decide(setBilling(billing as Partial<SetHouseholdBilling>), state);
    expect(refuse).toThrow(error);
    expect(refuse).toThrow(expect.objectContaining({ field, message: expect.stringMatching(message) }));
  });

  it('refuses billing for a household that was never formed (404)', () => {
    given(householdDecider).when(setBilling({ taxId: '27AAPFU0939F1ZV' })).thenThrows(HouseholdNotFound, { kind: 'not-found' });
  });
});
