import { given } from '@workbay/eventstore/testing';
import { InvalidBillingField } from '../customers/customer-billing.rules';
import { invoiceDecider, IssueInvoice } from '../invoices/invoice.decider';
import { InvoiceIssued } from '../invoices/invoice.events';
import { recipientOf } from '../invoices/place-of-supply.rules';
import { InvalidTaxId, validTaxId } from '../invoices/tax-id.rules';
import { QuoteLine } from '../quotes/quote.events';
import { householdDecider, HouseholdNotFound, SetHouseholdBilling } from './household.decider';
import { HouseholdBillingSet, HouseholdFormed } from './household.events';

const at = '2025-04-01T09:00:00.000Z';
const formed: HouseholdFormed = { type: 'HouseholdFormed', data: { householdId: 'h-1', name: 'Deccan Fleet', formedAt: at } };
const pune = { line1: 'FC Road 14', city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' };
const bengaluru = { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };
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

describe('whose billing details an invoice takes', () => {
  const fleet = { householdId: 'h-1', taxId: validTaxId('taxId', '27AAPFU0939F1ZV'), billingAddress: billingSet.data.billingAddress };
  const none = { taxId: null, billingAddress: null };

  it("takes the household's when the customer has none of their own", () => {
    expect(recipientOf(none, fleet)).toEqual({ ...fleet, householdId: 'h-1', source: 'household' });
  });

  it("keeps the customer's own, even only an address, and the customer when the household has none either", () => {
    expect(recipientOf({ taxId: null, billingAddress: bengaluru }, fleet)).toEqual({ taxId: null, billingAddress: bengaluru, source: 'customer', householdId: null });
    const ownGstin = validTaxId('taxId', '29ABCDE1234F1ZW');
    expect(recipientOf({ taxId: ownGstin, billingAddress: null }, fleet)).toMatchObject({ taxId: ownGstin, source: 'customer' });
    expect(recipientOf(none, { householdId: 'h-1', ...none })).toEqual({ ...none, source: 'customer', householdId: null });
    expect(recipientOf(none, null)).toEqual({ ...none, source: 'customer', householdId: null });
  });

  it("derives an inter-state IGST invoice from the household's GSTIN and records the household on it", () => {
    const lines: QuoteLine[] = [{ lineId: 'l1', kind: 'labor', description: 'Service', quantity: 1, unitPriceMinor: 100_000, taxable: true }];
    const issue = (recipient: ReturnType<typeof recipientOf>): InvoiceIssued['data'] => {
      const command: IssueInvoice = {
        type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001',
        repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR', lines },
        jurisdiction: { kind: 'IN_GST', stateCode: '29' }, recipient, issuedAt: at, actor: 'advisor-asha',
      };
      return (invoiceDecider.decide(command, invoiceDecider.initialState())[0] as InvoiceIssued).data;
    };
    const billed = issue(recipientOf(none, fleet));
    expect(billed).toMatchObject({
      placeOfSupply: '27', placeOfSupplySource: 'derived-from-gstin', recipientSource: 'household', recipientHouseholdId: 'h-1',
      buyerTaxId: fleet.taxId, buyerBillingAddress: fleet.billingAddress, taxSummary: [{ name: 'IGST', rateBps: 1800, amount: { amountMinor: 18_000 } }],
    });
    expect(issue(recipientOf(none, null))).toMatchObject({ placeOfSupply: '29', placeOfSupplySource: 'location-of-supplier', recipientSource: 'customer', recipientHouseholdId: null });
  });

  it('puts an EU business household under the reverse charge for a member without details of their own', () => {
    const paris = { householdId: 'h-2', taxId: validTaxId('taxId', 'FR40303265045'), billingAddress: null };
    const command: IssueInvoice = {
      type: 'IssueInvoice', invoiceId: 'inv-2', number: 'INV-000002',
      repairOrder: { repairOrderId: 'ro-2', status: 'approved', customerId: 'cus-2', vehicleId: 'veh-2', locationId: 'loc-2', currency: 'EUR',
        lines: [{ lineId: 'l1', kind: 'labor', description: 'Service', quantity: 1, unitPriceMinor: 100_000, taxable: true }] },
      jurisdiction: { kind: 'EU_VAT', country: 'DE' }, recipient: recipientOf(none, paris), sellerTaxId: validTaxId('taxId', 'DE123456789'), issuedAt: at, actor: 'u',
    };
    const d = (invoiceDecider.decide(command, invoiceDecider.initialState())[0] as InvoiceIssued).data;
    expect(d).toMatchObject({ reverseCharge: true, recipientSource: 'household', recipientHouseholdId: 'h-2', taxTotal: { amountMinor: 0 } });
  });
});
