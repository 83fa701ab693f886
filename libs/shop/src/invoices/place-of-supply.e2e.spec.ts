import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { workedRepairOrder, workOpenedRepairOrder } from '../../../../test/support/repair-orders';
import { fieldsOf } from '../../../../test/support/problems';

const PUNE = { line1: 'FC Road 14', line2: null, city: 'Pune', region: 'Maharashtra', postalCode: '411004', country: 'IN' };
const BERLIN = { line1: 'Torstrasse 1', city: 'Berlin', region: 'Berlin', postalCode: '10119', country: 'DE' };
const BENGALURU_BILLING = { line1: '12 Residency Road', city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };

const KARNATAKA_GSTIN = '29ABCDE1234F1ZW'; // check character worked by hand in tax-id.unit.spec.ts
const SHOP_GSTIN = '27AAPFU0939F1ZV';
const MAHARASHTRA_CUSTOMER_GSTIN = '27AABCU9603R1ZN';

// The three lines of workedRepairOrder: 1,800.00 + 3,500.00 taxable, 337.88 untaxed; 18% of 5,300.00 = 954.00.
const GRAND_TOTAL = 659_188;
const IGST = [{ name: 'IGST', rateBps: 1800, amountMinor: 95_400 }];
const CGST_SGST = [{ name: 'CGST', rateBps: 900, amountMinor: 47_700 }, { name: 'SGST', rateBps: 900, amountMinor: 47_700 }];

const SET_BILLING = `mutation($id: ID!, $input: SetCustomerBillingInput!) { setCustomerBilling(id: $id, input: $input) { position } }`;
const INVOICE = `query($id: ID!) { invoice(id: $id) { placeOfSupply placeOfSupplySource reverseCharge taxNote grandTotalMinor
  sellerTaxId { scheme value stateCode country } buyerTaxId { scheme value stateCode country } buyerBillingAddress { city regionCode country }
  taxSummary { name rateBps amountMinor } lines { lineId hsnSac } } }`;

describe('place of supply from records, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let pune: string;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    const opened = await shop.post('/locations', { name: 'Pune FC Road', address: PUNE, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '27' } }).expect(201);
    pune = opened.body.id;
    const taxId = await shop.put(`/locations/${pune}/tax-id`, { taxId: SHOP_GSTIN }).expect(200);
    const location = await shop.get(`/locations/${pune}`, taxId.body.position).expect(200);
    expect(location.body.taxId).toEqual({ scheme: 'IN_GSTIN', value: SHOP_GSTIN, stateCode: '27', country: 'IN' });
  });
  afterAll(() => platform.close());

  /** A customer with a vehicle and the given billing details (REST), ready to be invoiced at Pune. */
  async function customer(billing: Record<string, unknown>) {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const set = await shop.put(`/customers/${customerId}/billing`, billing).expect(200);
    return { customerId, vehicleId, position: set.body.position as number };
  }

  async function invoiceFor(vehicle: { customerId: string; vehicleId: string }, input: Record<string, unknown> = {}) {
    const repairOrderId = await workedRepairOrder(platform, shop, pune, { vehicle });
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, input).expect(201);
    return (await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200)).body;
  }

  it('invoices a Karnataka GSTIN from a Maharashtra location with IGST 954.00, printing both GSTINs and the source', async () => {
    const fleet = await customer({ billingAddress: BENGALURU_BILLING, taxId: KARNATAKA_GSTIN.toLowerCase() });
    const read = await shop.get(`/customers/${fleet.customerId}`, fleet.position).expect(200);
    expect(read.body).toMatchObject({
      billingAddress: { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' },
      taxId: { scheme: 'IN_GSTIN', value: KARNATAKA_GSTIN, stateCode: '29', country: 'IN' },
    });
    const invoice = await invoiceFor(fleet);
    expect(invoice).toMatchObject({
      placeOfSupply: '29', placeOfSupplySource: 'derived-from-gstin', taxSummary: IGST, taxTotalMinor: 95_400, grandTotalMinor: GRAND_TOTAL,
      sellerTaxId: { value: SHOP_GSTIN, stateCode: '27' }, buyerTaxId: { value: KARNATAKA_GSTIN, stateCode: '29' },
      buyerBillingAddress: { city: 'Bengaluru', regionCode: '29' }, reverseCharge: false, taxNote: null,
    });
    // GraphQL reads the same invoice.
    const gql = await shop.graphql(INVOICE, { id: invoice.id }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.invoice).toMatchObject({
      placeOfSupply: '29', placeOfSupplySource: 'derived-from-gstin', taxSummary: IGST, grandTotalMinor: GRAND_TOTAL,
      buyerTaxId: { scheme: 'IN_GSTIN', value: KARNATAKA_GSTIN, stateCode: '29', country: 'IN' },
    });
  });

  it('charges CGST + SGST to a Maharashtra GSTIN (set over GraphQL), whatever the billing address', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const set = await shop.graphql(SET_BILLING, { id: customerId, input: { billingAddress: BENGALURU_BILLING, taxId: MAHARASHTRA_CUSTOMER_GSTIN } }).expect(200);
    expect(set.body.errors).toBeUndefined();
    const read = await shop.graphql(`query($id: ID!) { customer(id: $id) { taxId { scheme value stateCode } billingAddress { regionCode } } }`, { id: customerId },
      { 'X-Min-Position': String(set.body.data.setCustomerBilling.position) }).expect(200);
    expect(read.body.data.customer).toEqual({ taxId: { scheme: 'IN_GSTIN', value: MAHARASHTRA_CUSTOMER_GSTIN, stateCode: '27' }, billingAddress: { regionCode: '29' } });
    const invoice = await invoiceFor({ customerId, vehicleId });
    expect(invoice).toMatchObject({ placeOfSupply: '27', placeOfSupplySource: 'derived-from-gstin', taxSummary: CGST_SGST, grandTotalMinor: GRAND_TOTAL });
  });

  it('takes a private customer\'s state from their billing address (B2C, IGST) and records a typed override as such', async () => {
    const privateCustomer = await customer({ billingAddress: BENGALURU_BILLING });
    const fromAddress = await invoiceFor(privateCustomer);
    expect(fromAddress).toMatchObject({ placeOfSupply: '29', placeOfSupplySource: 'derived-from-address', taxSummary: IGST, buyerTaxId: null });

    const overridden = await invoiceFor(privateCustomer, { placeOfSupplyStateCode: '27' });
    expect(overridden).toMatchObject({ placeOfSupply: '27', placeOfSupplySource: 'override', taxSummary: CGST_SGST });

    const nothingOnRecord = await invoiceFor(await shop.customerWithVehicle());
    expect(nothingOnRecord).toMatchObject({ placeOfSupply: '27', placeOfSupplySource: 'location-of-supplier', taxSummary: CGST_SGST, buyerBillingAddress: null });
  });

  it("supplies a salon's services where they are performed: a Karnataka business is charged CGST + SGST at Pune, on REST and GraphQL", async () => {
    const corporate = await customer({ taxId: KARNATAKA_GSTIN });
    // Haircut 800.00 (SAC 999721) and a facial 1,200.00 (999722): 18% of 2,000.00 = 360.00.
    const salon = [
      { lineId: 's1', kind: 'labor' as const, description: 'Haircut and styling', quantity: 1, unitPriceMinor: 80_000, taxable: true, hsnSac: '999721' },
      { lineId: 's2', kind: 'labor' as const, description: 'Facial', quantity: 1, unitPriceMinor: 120_000, taxable: true, hsnSac: '999722' },
    ];
    const repairOrderId = await workedRepairOrder(platform, shop, pune, { vehicle: corporate, lines: salon });
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const rest = (await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200)).body;
    const split = [{ name: 'CGST', rateBps: 900, amountMinor: 18_000 }, { name: 'SGST', rateBps: 900, amountMinor: 18_000 }];
    expect(rest).toMatchObject({ placeOfSupply: '27', placeOfSupplySource: 'location-of-performance', taxSummary: split, grandTotalMinor: 236_000 });
    expect(rest.buyerTaxId).toMatchObject({ value: KARNATAKA_GSTIN });
    const gql = (await shop.graphql(INVOICE, { id: issued.body.id }).expect(200)).body.data.invoice;
    expect(gql).toMatchObject({ placeOfSupply: '27', placeOfSupplySource: 'location-of-performance', taxSummary: split });
  });

  it('carries HSN/SAC codes from the canned job and the quote through the repair order onto the invoice', async () => {
    const job = await shop.post('/canned-jobs', {
      name: 'Front brake job', description: 'Pads and labour',
      labor: [{ description: 'Replace front pads', hours: 1.5, laborRateMinor: 120_000, taxable: true, sacCode: '998714' }],
      parts: [{ description: 'Pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true, hsnCode: '87083000' }],
    }).expect(201);
    const catalog = await shop.get(`/canned-jobs/${job.body.id}`, job.body.position).expect(200);
    expect([catalog.body.labor[0].sacCode, catalog.body.parts[0].hsnCode]).toEqual(['998714', '87083000']);
    const badJob = await shop.post('/canned-jobs', {
      name: 'Bad codes', description: 'x', labor: [{ description: 'Labour', hours: 1, laborRateMinor: 1000, taxable: true, sacCode: '8708' }],
    }).expect(422);
    expect(fieldsOf(badJob.body)).toEqual(['labor[0].sacCode']);

    const fleet = await customer({ taxId: KARNATAKA_GSTIN });
    const explicit = [{ kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false, hsnSac: '38190010' }];
    const badQuote = await shop.post('/quotes', { customerId: fleet.customerId, vehicleId: fleet.vehicleId, locationId: pune, lines: [{ ...explicit[0], hsnSac: '99871' }] }).expect(422);
    expect(fieldsOf(badQuote.body)).toEqual(['lines[0].hsnSac']);
    const quote = await shop.post('/quotes', { customerId: fleet.customerId, vehicleId: fleet.vehicleId, locationId: pune, lines: explicit, cannedJobIds: [job.body.id] }).expect(201);
    await shop.post(`/quotes/${quote.body.id}/send`, { channel: 'sms' }).expect(200);
    await shop.post(`/quotes/${quote.body.id}/approve`, { approvedByName: 'Kiran', channel: 'phone' }).expect(200);
    const repairOrderId = await openedFor(quote.body.id);
    await workOpenedRepairOrder(platform, shop, repairOrderId, pune);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const invoice = await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200);
    expect(invoice.body.lines.map((l: { lineId: string; hsnSac: string | null }) => [l.lineId, l.hsnSac])).toEqual([
      ['line-1', '38190010'], ['line-2', '998714'], ['line-3', '87083000'],
    ]);
    // Fluid untaxed; labour 1,800.00 + pads 3,500.00 at IGST 18% = 954.00, as on the other invoices.
    expect(invoice.body).toMatchObject({ placeOfSupply: '29', taxSummary: IGST, grandTotalMinor: GRAND_TOTAL });
  });

  async function openedFor(quoteId: string): Promise<string> {
    const deadline = Date.now() + 20000;
    for (;;) {
      const page = await shop.get(`/repair-orders?locationId=${pune}&first=100`).expect(200);
      const ro = page.body.items.find((r: { quoteId: string }) => r.quoteId === quoteId);
      if (ro) return ro.id;
      if (Date.now() > deadline) throw new Error('the repair order was not opened');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('refuses a GSTIN whose check digit does not match with 422 naming taxId, on REST and GraphQL', async () => {
    const { customerId } = await shop.customerWithVehicle();
    const rest = await shop.put(`/customers/${customerId}/billing`, { taxId: '29ABCDE1234F1ZX' }).expect(422);
    expect(fieldsOf(rest.body)).toEqual(['taxId']);
    expect(rest.body.detail).toMatch(/check digit does not match/);
    const gql = await shop.graphql(SET_BILLING, { id: customerId, input: { taxId: '29ABCDE1234F1ZX' } }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'taxId' }] });
    const badState = await shop.put(`/customers/${customerId}/billing`, { billingAddress: { ...BENGALURU_BILLING, regionCode: 'KA' } }).expect(422);
    expect(fieldsOf(badState.body)).toEqual(['billingAddress.regionCode']);
    const wrongState = await shop.put(`/locations/${pune}/tax-id`, { taxId: KARNATAKA_GSTIN }).expect(422);
    expect(fieldsOf(wrongState.body)).toEqual(['taxId']);
    const notText = await shop.put(`/customers/${customerId}/billing`, { taxId: 29 }).expect(400);
    expect([...new Set(fieldsOf(notText.body))]).toEqual(['taxId']);
  });

  it('answers another tenant\'s customer and location ids with 404', async () => {
    const { customerId } = await shop.customerWithVehicle();
    const other = await ShopClient.signup(platform, 'Other Motors');
    await other.put(`/customers/${customerId}/billing`, { taxId: KARNATAKA_GSTIN }).expect(404);
    await other.put(`/locations/${pune}/tax-id`, { taxId: SHOP_GSTIN }).expect(404);
    const gql = await other.graphql(SET_BILLING, { id: customerId, input: { taxId: KARNATAKA_GSTIN } }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 404 });
    const gqlLocation = await other.graphql(`mutation($id: ID!) { setLocationTaxId(id: $id, input: { taxId: "${SHOP_GSTIN}" }) { position } }`, { id: pune }).expect(200);
    expect(gqlLocation.body.errors[0].extensions).toMatchObject({ status: 404 });
  });
});

describe('EU reverse charge, end to end (a Berlin shop)', () => {
  let platform: Platform;
  let shop: ShopClient;
  let berlin: string;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform, 'Autohaus Mitte', 'DE', 'EUR');
    const opened = await shop.post('/locations', { name: 'Berlin Mitte', address: BERLIN, timezone: 'Europe/Berlin' }).expect(201);
    berlin = opened.body.id;
  });
  afterAll(() => platform.close());

  async function invoiceFor(billing: Record<string, unknown>, status: number) {
    const vehicle = await shop.customerWithVehicle();
    await shop.put(`/customers/${vehicle.customerId}/billing`, billing).expect(200);
    const repairOrderId = await workedRepairOrder(platform, shop, berlin, { vehicle, currency: 'EUR' });
    return shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(status);
  }

  it('invoices a French business 0 VAT under the reverse charge with both VAT ids, once the shop has its own', async () => {
    const paris = { billingAddress: { line1: '8 rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' }, taxId: 'FR 40 303 265 045' };
    const refused = await invoiceFor(paris, 422);
    expect(fieldsOf(refused.body)).toEqual(['locationId']);
    expect(refused.body.detail).toMatch(/both VAT ids/);
    const set = await shop.graphql(`mutation($id: ID!) { setLocationTaxId(id: $id, input: { taxId: "DE123456789" }) { position } }`, { id: berlin }).expect(200);
    expect(set.body.errors).toBeUndefined();

    const issued = await invoiceFor(paris, 201);
    const invoice = await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200);
    // 1,800.00 + 3,500.00 + 337.88 EUR, no VAT: 5,637.88 due.
    expect(invoice.body).toMatchObject({
      currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'DE' }, placeOfSupply: null, reverseCharge: true,
      taxNote: expect.stringMatching(/^Reverse charge/), taxSummary: [{ name: 'VAT', rateBps: 0, amountMinor: 0 }],
      taxTotalMinor: 0, grandTotalMinor: 563_788, balanceDueMinor: 563_788,
      sellerTaxId: { scheme: 'EU_VAT', value: 'DE123456789', country: 'DE' }, buyerTaxId: { scheme: 'EU_VAT', value: 'FR40303265045', country: 'FR' },
    });
  });

  it('charges a German business 19% as before (5,300.00 x 19% = 1,007.00)', async () => {
    const issued = await invoiceFor({ taxId: 'DE987654321' }, 201);
    const invoice = await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200);
    expect(invoice.body).toMatchObject({ reverseCharge: false, taxNote: null, taxSummary: [{ name: 'VAT', rateBps: 1900, amountMinor: 100_700 }], grandTotalMinor: 664_488 });
  });
});

describe('a rate per line category, end to end (a Tokyo shop, JPY)', () => {
  let platform: Platform;
  let shop: ShopClient;
  let tokyo: string;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform, 'Shibuya Auto', 'JP', 'JPY');
    const opened = await shop.post('/locations', {
      name: 'Shibuya', address: { line1: '1-2-3 Dogenzaka', city: 'Shibuya-ku', region: 'Tokyo', postalCode: '150-0043', country: 'JP' }, timezone: 'Asia/Tokyo',
    }).expect(201);
    tokyo = opened.body.id;
    const location = await shop.get(`/locations/${tokyo}`, opened.body.position).expect(200);
    expect(location.body.taxJurisdiction).toMatchObject({ kind: 'JP_CONSUMPTION_TAX' });
  });
  afterAll(() => platform.close());

  it('taxes standard lines at 10% and reduced ones at 8%, each rounded once: 1,534 + 52 yen', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const lines = [
      { kind: 'labor', description: 'Brake pad replacement', quantity: 1.5, unitPriceMinor: 8_000, taxable: true },
      { kind: 'part', description: 'Brake pads', quantity: 1, unitPriceMinor: 3_335, taxable: true, taxCategory: 'standard' },
      { kind: 'part', description: 'Bottled tea (take-away)', quantity: 3, unitPriceMinor: 150, taxable: true, taxCategory: 'reduced' },
      { kind: 'part', description: 'Rice crackers (take-away)', quantity: 1, unitPriceMinor: 199, taxable: true, taxCategory: 'reduced' },
      { kind: 'part', description: 'Disposal fee', quantity: 1, unitPriceMinor: 500, taxable: false },
    ];
    const badCategory = await shop.post('/quotes', { customerId, vehicleId, locationId: tokyo, lines: [{ ...lines[2], taxCategory: 'zero' }] }).expect(400);
    expect([...new Set(fieldsOf(badCategory.body))]).toEqual(['lines[0].taxCategory']);
    const quote = await shop.post('/quotes', { customerId, vehicleId, locationId: tokyo, lines }).expect(201);
    await shop.post(`/quotes/${quote.body.id}/send`, { channel: 'in_person' }).expect(200);
    await shop.post(`/quotes/${quote.body.id}/approve`, { approvedByName: 'Sato', channel: 'in_person' }).expect(200);
    const deadline = Date.now() + 20000;
    let repairOrderId: string | undefined;
    while (!repairOrderId) {
      const page = await shop.get(`/repair-orders?locationId=${tokyo}&first=100`).expect(200);
      repairOrderId = page.body.items.find((r: { quoteId: string }) => r.quoteId === quote.body.id)?.id;
      if (!repairOrderId && Date.now() > deadline) throw new Error('the repair order was not opened');
      if (!repairOrderId) await new Promise((r) => setTimeout(r, 50));
    }
    await workOpenedRepairOrder(platform, shop, repairOrderId, tokyo);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const invoice = await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200);
    expect(invoice.body).toMatchObject({
      currency: 'JPY', currencyExponent: 0,
      taxSummary: [{ name: 'CONSUMPTION_TAX', rateBps: 1000, amountMinor: 1_534 }, { name: 'CONSUMPTION_TAX', rateBps: 800, amountMinor: 52 }],
      subtotalMinor: 16_484, taxTotalMinor: 1_586, grandTotalMinor: 18_070, balanceDueMinor: 18_070,
    });
    const gql = await shop.graphql(`query($id: ID!) { invoice(id: $id) { lines { lineId taxCategory taxMinor } } }`, { id: issued.body.id }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.invoice.lines.map((l: { taxCategory: string; taxMinor: number }) => [l.taxCategory, l.taxMinor])).toEqual([
      ['standard', 1_200], ['standard', 334], ['reduced', 36], ['reduced', 16], ['standard', 0],
    ]);
  });
});

describe('an EU reduced rate the location configures, end to end (an Amsterdam salon, EUR)', () => {
  let platform: Platform;
  let shop: ShopClient;
  const AMSTERDAM = { line1: 'Prinsengracht 263', city: 'Amsterdam', region: 'Noord-Holland', postalCode: '1016 GV', country: 'NL' };
  const open = (taxJurisdiction: Record<string, unknown>, address: Record<string, unknown> = AMSTERDAM) =>
    shop.post('/locations', { name: `Salon ${Math.random()}`, address, timezone: 'Europe/Amsterdam', taxJurisdiction });

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform, 'Knip Amsterdam', 'NL', 'EUR');
  });
  afterAll(() => platform.close());

  it('charges a haircut the configured 9% and the hair wax 21%, one rounding per rate, on REST and GraphQL', async () => {
    expect(fieldsOf((await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 2500 }).expect(422)).body)).toEqual(['taxJurisdiction.reducedRateBps']);
    expect(fieldsOf((await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 9.001 }).expect(400)).body)).toEqual(['taxJurisdiction.reducedRateBps']);
    const pune = { line1: 'FC Road 14', city: 'Pune', region: 'Maharashtra', postalCode: '411004', country: 'IN' };
    expect(fieldsOf((await open({ kind: 'IN_GST', stateCode: '27', reducedRateBps: 500 }, pune).expect(400)).body)).toEqual(['taxJurisdiction.reducedRateBps']);

    const opened = await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 900 }).expect(201);
    const location = await shop.get(`/locations/${opened.body.id}`, opened.body.position).expect(200);
    expect(location.body.taxJurisdiction).toEqual({ kind: 'EU_VAT', stateCode: null, country: 'NL', rateBps: null, reducedRateBps: 900 });
    const gqlLocation = await shop.graphql(`query($id: ID!) { location(id: $id) { taxJurisdiction { kind country reducedRateBps } } }`, { id: opened.body.id }).expect(200);
    expect(gqlLocation.body.data.location.taxJurisdiction).toEqual({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 900 });

    const lines = [
      { lineId: 'cut', kind: 'labor' as const, description: 'Haircut', quantity: 1, unitPriceMinor: 4_500, taxable: true, taxCategory: 'reduced' as const },
      { lineId: 'wax', kind: 'part' as const, description: 'Hair wax', quantity: 1, unitPriceMinor: 1_850, taxable: true },
    ];
    const repairOrderId = await workedRepairOrder(platform, shop, opened.body.id, { lines, currency: 'EUR' });
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const invoice = (await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200)).body;
    expect(invoice).toMatchObject({
      taxSummary: [{ name: 'VAT', rateBps: 2100, amountMinor: 389 }, { name: 'VAT', rateBps: 900, amountMinor: 405 }],
      subtotalMinor: 6_350, taxTotalMinor: 794, grandTotalMinor: 7_144,
    });
    const gql = await shop.graphql(`query($id: ID!) { invoice(id: $id) { lines { lineId taxCategory taxMinor } } }`, { id: issued.body.id }).expect(200);
    expect(gql.body.data.invoice.lines.map((l: { taxCategory: string; taxMinor: number }) => [l.taxCategory, l.taxMinor])).toEqual([['reduced', 405], ['standard', 389]]);
  });

  it('refuses a reduced line at a location without a reduced rate with 422 naming lines[0].taxCategory', async () => {
    const opened = await open({ kind: 'EU_VAT', country: 'NL' }).expect(201);
    const lines = [{ lineId: 'cut', kind: 'labor' as const, description: 'Haircut', quantity: 1, unitPriceMinor: 4_500, taxable: true, taxCategory: 'reduced' as const }];
    const repairOrderId = await workedRepairOrder(platform, shop, opened.body.id, { lines, currency: 'EUR' });
    const refused = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(422);
    expect(fieldsOf(refused.body)).toEqual(['lines[0].taxCategory']);
    expect(refused.body.errors[0].message).toContain('reducedRateBps');
  });

  it('takes the category from the job catalog: a canned haircut is quoted, worked and invoiced at the reduced rate', async () => {
    const opened = await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 900 }).expect(201);
    const job = await shop.post('/canned-jobs', {
      name: 'Cut and wax', description: 'Haircut, then wax',
      labor: [{ description: 'Haircut', hours: 1, laborRateMinor: 4_500, taxable: true, taxCategory: 'reduced' }],
      parts: [{ description: 'Hair wax', quantity: 1, unitPriceMinor: 1_850, taxable: true }],
    }).expect(201);
    const read = await shop.get(`/canned-jobs/${job.body.id}`, job.body.position).expect(200);
    expect([read.body.labor[0].taxCategory, read.body.parts[0].taxCategory]).toEqual(['reduced', 'standard']);
    const gqlJob = await shop.graphql(`query($id: ID!) { cannedJob(id: $id) { labor { taxCategory } parts { taxCategory } } }`, { id: job.body.id }).expect(200);
    expect(gqlJob.body.data.cannedJob).toEqual({ labor: [{ taxCategory: 'reduced' }], parts: [{ taxCategory: 'standard' }] });
    const bad = await shop.post('/canned-jobs', { name: 'Bad', description: 'x', labor: [{ description: 'Cut', hours: 1, laborRateMinor: 1, taxable: true, taxCategory: 'zero' }] }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['labor[0].taxCategory']);

    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const quote = await shop.post('/quotes', { customerId, vehicleId, locationId: opened.body.id, cannedJobIds: [job.body.id] }).expect(201);
    await shop.post(`/quotes/${quote.body.id}/send`, { channel: 'in_person' }).expect(200);
    await shop.post(`/quotes/${quote.body.id}/approve`, { approvedByName: 'Eva', channel: 'in_person' }).expect(200);
    const deadline = Date.now() + 20000;
    let repairOrderId: string | undefined;
    while (!repairOrderId) {
      const page = await shop.get(`/repair-orders?locationId=${opened.body.id}&first=100`).expect(200);
      repairOrderId = page.body.items.find((r: { quoteId: string }) => r.quoteId === quote.body.id)?.id;
      if (!repairOrderId && Date.now() > deadline) throw new Error('the repair order was not opened');
      if (!repairOrderId) await new Promise((r) => setTimeout(r, 50));
    }
    await workOpenedRepairOrder(platform, shop, repairOrderId, opened.body.id);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const invoice = (await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200)).body;
    expect(invoice.taxSummary).toEqual([{ name: 'VAT', rateBps: 2100, amountMinor: 389 }, { name: 'VAT', rateBps: 900, amountMinor: 405 }]);
  });

  it('answers malformed reduced rates and tax categories with a 4xx naming the field on REST and GraphQL, never a 5xx, and shows another tenant nothing', async () => {
    for (const reducedRateBps of ['9', -1, 10_001, null, { v: 900 }, 1e308]) {
      const res = await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps });
      if (reducedRateBps === null) { expect(res.status).toBe(201); continue; } // null is "none", like an absent field
      expect([res.status, [...new Set(fieldsOf(res.body))]]).toEqual([400, ['taxJurisdiction.reducedRateBps']]);
    }
    const OPEN = `mutation($input: OpenLocationInput!) { openLocation(input: $input) { id position } }`;
    const input = (taxJurisdiction: Record<string, unknown>) => ({ input: { name: `GQL ${Math.random()}`, address: AMSTERDAM, timezone: 'Europe/Amsterdam', taxJurisdiction } });
    const typed = await shop.graphql(OPEN, input({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 'nine' }));
    expect([typed.status, typed.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const aboveStandard = await shop.graphql(OPEN, input({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 2500 })).expect(200);
    expect(aboveStandard.body.errors[0].extensions).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'taxJurisdiction.reducedRateBps' })] });
    const DEFINE = `mutation($input: DefineCannedJobInput!) { defineCannedJob(input: $input) { id } }`;
    const badCategory = await shop.graphql(DEFINE, { input: { name: 'Cut', description: 'x', labor: [{ description: 'Cut', hours: 1, laborRateMinor: 100, taxable: true, taxCategory: 'zero' }] } });
    expect([badCategory.status, badCategory.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const restOversized = await shop.post('/canned-jobs', { name: 'Cut', description: 'x', labor: [{ description: 'Cut', hours: 1, laborRateMinor: 100, taxable: true, taxCategory: 'r'.repeat(100_000) }] });
    expect(restOversized.status).toBeGreaterThanOrEqual(400);
    expect(restOversized.status).toBeLessThan(500);

    const opened = await open({ kind: 'EU_VAT', country: 'NL', reducedRateBps: 900 }).expect(201);
    const stranger = await ShopClient.signup(platform, 'Other Salon', 'NL', 'EUR');
    await stranger.get(`/locations/${opened.body.id}`).expect(404);
    const gql = await stranger.graphql(`query($id: ID!) { location(id: $id) { taxJurisdiction { reducedRateBps } } }`, { id: opened.body.id }).expect(200);
    expect(gql.body.data?.location ?? null).toBeNull();
  });
});
