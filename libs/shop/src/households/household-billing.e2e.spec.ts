import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { fieldsOf } from '../../../../test/support/problems';
import { binary, pdfText } from '../../../../test/support/pdf-text';

const PUNE = { line1: 'FC Road 14', line2: null, city: 'Pune', region: 'Maharashtra', postalCode: '411004', country: 'IN' };
const BENGALURU_BILLING = { line1: '12 Residency Road', city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };
const SHOP_GSTIN = '27AAPFU0939F1ZV';
const FLEET_GSTIN = '29ABCDE1234F1ZW'; // Karnataka: another state than the shop's Maharashtra
const MEMBER_GSTIN = '27AABCU9603R1ZN'; // a member's own, in Maharashtra

// workedRepairOrder's lines: 1,800.00 + 3,500.00 taxable, 337.88 untaxed; 18% of 5,300.00 = 954.00.
const IGST = [{ name: 'IGST', rateBps: 1800, amountMinor: 95_400 }];
const CGST_SGST = [{ name: 'CGST', rateBps: 900, amountMinor: 47_700 }, { name: 'SGST', rateBps: 900, amountMinor: 47_700 }];

const SET_BILLING = `mutation($id: ID!, $input: SetHouseholdBillingInput!) { setHouseholdBilling(id: $id, input: $input) { position } }`;
describe('household billing details and the invoices of its members, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let pune: string;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    const opened = await shop.post('/locations', { name: 'Pune FC Road', address: PUNE, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '27' } }).expect(201);
    pune = opened.body.id;
    await shop.put(`/locations/${pune}/tax-id`, { taxId: SHOP_GSTIN }).expect(200);
  });
  afterAll(() => platform.close());

  const household = async (name: string) => (await shop.post('/households', { name }).expect(201)).body.id as string;
  const member = async (householdId: string) => {
    const vehicle = await shop.customerWithVehicle();
    const joined = await shop.post(`/households/${householdId}/members/${vehicle.customerId}`, {}).expect(200);
    return { ...vehicle, position: joined.body.position as number };
  };
  const invoiceFor = async (vehicle: { customerId: string; vehicleId: string }) => {
    const repairOrderId = await workedRepairOrder(platform, shop, pune, { vehicle });
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    return (await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200)).body;
  };

  it("invoices a member without details of their own to the fleet's Karnataka GSTIN (IGST), while a member with their own keeps theirs (CGST + SGST)", async () => {
    const fleet = await household('Deccan Fleet Services');
    const set = await shop.put(`/households/${fleet}/billing`, { billingAddress: BENGALURU_BILLING, taxId: FLEET_GSTIN.toLowerCase() }).expect(200);
    const read = await shop.get(`/households/${fleet}`, set.body.position).expect(200);
    expect(read.body).toMatchObject({
      name: 'Deccan Fleet Services',
      billingAddress: { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' },
      taxId: { scheme: 'IN_GSTIN', value: FLEET_GSTIN, stateCode: '29', country: 'IN' },
    });
    const list = await shop.get('/households?first=50').expect(200);
    expect(list.body.items.find((h: { id: string }) => h.id === fleet)).toMatchObject({ taxId: { value: FLEET_GSTIN } });

    const driver = await member(fleet);
    const billed = await invoiceFor(driver);
    expect(billed).toMatchObject({
      customerId: driver.customerId, placeOfSupply: '29', placeOfSupplySource: 'derived-from-gstin', taxSummary: IGST, taxTotalMinor: 95_400,
      buyerTaxId: { value: FLEET_GSTIN, stateCode: '29' }, buyerBillingAddress: { city: 'Bengaluru', regionCode: '29' },
      recipientSource: 'household', recipientHouseholdId: fleet, sellerTaxId: { value: SHOP_GSTIN },
    });

    const owner = await member(fleet);
    await shop.put(`/customers/${owner.customerId}/billing`, { taxId: MEMBER_GSTIN }).expect(200);
    const own = await invoiceFor(owner);
    expect(own).toMatchObject({
      placeOfSupply: '27', placeOfSupplySource: 'derived-from-gstin', taxSummary: CGST_SGST,
      buyerTaxId: { value: MEMBER_GSTIN }, buyerBillingAddress: null, recipientSource: 'customer', recipientHouseholdId: null,
    });

    // The PDF prints the household as the buyer, with its GSTIN and address, and the member the work was for.
    const res = await shop.get(`/invoices/${billed.id}/pdf`).buffer(true).parse(binary).expect(200);
    const text = await pdfText(res.body);
    for (const expected of ['Deccan Fleet Services', 'Member: Asha Rao', `GSTIN ${FLEET_GSTIN}`, '12 Residency Road', 'Karnataka (29)', 'Place of supply Karnataka (29)', 'Supply Inter-state']) {
      expect(text).toContain(expected);
    }
    const ownText = await pdfText((await shop.get(`/invoices/${own.id}/pdf`).buffer(true).parse(binary).expect(200)).body);
    expect(ownText).toContain(`GSTIN ${MEMBER_GSTIN}`);
    expect(ownText).not.toContain('Deccan Fleet Services');
  });

  it('sets and clears over GraphQL, and a member who left, or of a household with nothing on record, is invoiced as a customer', async () => {
    const fleet = await household('Konkan Logistics');
    const set = await shop.graphql(SET_BILLING, { id: fleet, input: { billingAddress: BENGALURU_BILLING, taxId: FLEET_GSTIN } }).expect(200);
    expect(set.body.errors).toBeUndefined();
    const read = await shop.graphql(`query($id: ID!) { household(id: $id) { taxId { scheme value stateCode } billingAddress { city regionCode } } }`, { id: fleet },
      { 'X-Min-Position': String(set.body.data.setHouseholdBilling.position) }).expect(200);
    expect(read.body.data.household).toEqual({ taxId: { scheme: 'IN_GSTIN', value: FLEET_GSTIN, stateCode: '29' }, billingAddress: { city: 'Bengaluru', regionCode: '29' } });

    const leaver = await member(fleet);
    await shop.delete(`/households/${fleet}/members/${leaver.customerId}`).expect(200);
    expect(await invoiceFor(leaver)).toMatchObject({ placeOfSupplySource: 'location-of-supplier', taxSummary: CGST_SGST, buyerTaxId: null, recipientSource: 'customer' });

    const stayer = await member(fleet);
    const cleared = await shop.graphql(SET_BILLING, { id: fleet, input: {} }).expect(200);
    expect(cleared.body.errors).toBeUndefined();
    const invoice = await invoiceFor(stayer);
    expect(invoice).toMatchObject({ placeOfSupplySource: 'location-of-supplier', taxSummary: CGST_SGST, buyerTaxId: null, recipientSource: 'customer', recipientHouseholdId: null });
    const gql = await shop.graphql(`query($id: ID!) { invoice(id: $id) { recipientSource recipientHouseholdId } }`, { id: invoice.id }).expect(200);
    expect(gql.body.data.invoice).toEqual({ recipientSource: 'customer', recipientHouseholdId: null });

    // The auditor's view of the household shows its billing details at each step.
    const record = await shop.get(`/audit/records/household/${fleet}`).expect(200);
    expect(record.body.events.map((e: { type: string }) => e.type)).toEqual(['HouseholdFormed', 'HouseholdBillingSet', 'HouseholdBillingSet']);
    expect(record.body.state).toMatchObject({ status: 'formed', taxId: null, billingAddress: null });
  });

  it('refuses a GSTIN whose check digit does not match (422 naming taxId), a bad state code (422) and a tax id that is not text (400), on REST and GraphQL', async () => {
    const fleet = await household('Typo Transport');
    const rest = await shop.put(`/households/${fleet}/billing`, { taxId: '29ABCDE1234F1ZX' }).expect(422);
    expect(fieldsOf(rest.body)).toEqual(['taxId']);
    expect(rest.body.detail).toMatch(/check digit does not match/);
    const gql = await shop.graphql(SET_BILLING, { id: fleet, input: { taxId: '29ABCDE1234F1ZX' } }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'taxId' }] });
    const badState = await shop.put(`/households/${fleet}/billing`, { billingAddress: { ...BENGALURU_BILLING, regionCode: 'KA' } }).expect(422);
    expect(fieldsOf(badState.body)).toEqual(['billingAddress.regionCode']);
    const notText = await shop.put(`/households/${fleet}/billing`, { taxId: 29 }).expect(400);
    expect([...new Set(fieldsOf(notText.body))]).toEqual(['taxId']);
    const noCountry = await shop.put(`/households/${fleet}/billing`, { billingAddress: { line1: '1 Road', city: 'Pune' } }).expect(400);
    expect([...new Set(fieldsOf(noCountry.body))]).toEqual(['billingAddress.country']);
  });

  it("answers another tenant's household id with 404 and keeps a technician from setting billing (403)", async () => {
    const fleet = await household('Private Fleet');
    const other = await ShopClient.signup(platform, 'Other Motors');
    await other.put(`/households/${fleet}/billing`, { taxId: FLEET_GSTIN }).expect(404);
    const gql = await other.graphql(SET_BILLING, { id: fleet, input: { taxId: FLEET_GSTIN } }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 404 });
    await shop.put('/households/00000000-0000-4000-8000-000000000000/billing', { taxId: FLEET_GSTIN }).expect(404);
    const technician = await shop.invite(['technician']);
    await technician.put(`/households/${fleet}/billing`, { taxId: FLEET_GSTIN }).expect(403);
  });
});
