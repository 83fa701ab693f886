import { binary, pdfText } from '../../../../test/support/pdf-text';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { RO_LINES, workedRepairOrder } from '../../../../test/support/repair-orders';
import { gstinCheckCharacter } from '../invoices/tax-id.rules';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const SHOP_GSTIN = '29ABCDE1234F1ZW'; // Karnataka; check character worked by hand in tax-id.unit.spec.ts
const KARNATAKA_FLEET_GSTIN = `29AAACR5055K1Z${gstinCheckCharacter('29AAACR5055K1Z')}`;
const MAHARASHTRA_GSTIN = '27AABCU9603R1ZN';
const BENGALURU_BILLING = { line1: '12 Residency Road', city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };
const PUNE_BILLING = { line1: 'FC Road 14', city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' };
// SAC 998714: repair of motor vehicles; HSN 8708: motor-vehicle parts; 3819: hydraulic brake fluid.
const CODED_LINES = RO_LINES.map((l, i) => ({ ...l, hsnSac: ['998714', '8708', '3819'][i] }));

describe('invoice and credit-note PDFs over REST, linked from GraphQL', () => {
  let platform: Platform;
  let shop: ShopClient;
  let locationId: string;

  /** An invoice at Indiranagar for a business customer with this GSTIN and billing address (place of supply from its GSTIN). */
  const issue = async (body: object, billing = { billingAddress: BENGALURU_BILLING, taxId: KARNATAKA_FLEET_GSTIN }) => {
    const vehicle = await shop.customerWithVehicle();
    await shop.put(`/customers/${vehicle.customerId}/billing`, billing).expect(200);
    const repairOrderId = await workedRepairOrder(platform, shop, locationId, { vehicle, lines: CODED_LINES });
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, body).expect(201);
    return { id: issued.body.id as string, position: issued.body.position as number };
  };
  const pdf = (client: ShopClient, id: string, position?: number) => client.get(`/invoices/${id}/pdf`, position).buffer(true).parse(binary);

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform, 'Ravi Motors');
    const location = await shop.post('/locations', {
      name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
    await shop.put(`/locations/${locationId}/tax-id`, { taxId: SHOP_GSTIN }).expect(200);
  });
  afterAll(() => platform.close());

  it('renders an intra-state GST invoice: the parties, place of supply, each line, CGST 9% + SGST 9%, the totals, paid and due', async () => {
    const { id, position } = await issue({});
    const paid = await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 200_000 }).expect(201);
    const invoice = (await shop.get(`/invoices/${id}`, Math.max(position, paid.body.position)).expect(200)).body;

    const res = await pdf(shop, id, paid.body.position).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${invoice.number}.pdf"`);
    const text = await pdfText(res.body);
    for (const expected of [
      'TAX INVOICE', `Invoice no. ${invoice.number}`, 'Place of supply Karnataka (29)', 'Supply Intra-state', 'Reverse charge No',
      'Ravi Motors', 'Indiranagar', '100 Feet Road', 'Bengaluru 560038', `GSTIN ${SHOP_GSTIN}`,
      'Asha Rao', '12 Residency Road', 'Bengaluru 560025', 'Karnataka (29)', `GSTIN ${KARNATAKA_FLEET_GSTIN}`, 'Vehicle: 2019 Honda City, VIN 1HGCM82633A004352',
      'Description HSN/SAC Qty Unit price Amount Tax Total', 'Replace front brake pads 998714 1.5 ₹1,200.00 ₹1,800.00 CGST 9% ₹162.00, SGST 9% ₹162.00 ₹2,124.00',
      'Brake pad set 8708 1 ₹3,500.00 ₹3,500.00 CGST 9% ₹315.00, SGST 9% ₹315.00 ₹4,130.00',
      'Brake fluid (litres) 3819 0.75 ₹450.50 ₹337.88 exempt ₹337.88',
      'CGST 9% ₹477.00', 'SGST 9% ₹477.00', 'Subtotal ₹5,637.88', 'Taxable value ₹5,300.00', 'Total tax ₹954.00',
      'Grand total ₹6,591.88', 'Amount paid ₹2,000.00', 'Balance due ₹4,591.88',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('IGST');
  });

  it("renders an inter-state supply to a Maharashtra GSTIN with IGST 18%, the recipient's state as place of supply", async () => {
    const { id, position } = await issue({}, { billingAddress: PUNE_BILLING, taxId: MAHARASHTRA_GSTIN });
    const text = await pdfText((await pdf(shop, id, position).expect(200)).body);
    for (const expected of [`GSTIN ${SHOP_GSTIN}`, `GSTIN ${MAHARASHTRA_GSTIN}`, 'Pune 411004', 'Maharashtra (27)', 'Place of supply Maharashtra (27)', 'Replace front brake pads 998714', 'Supply Inter-state', 'IGST 18% ₹324.00', 'IGST 18% ₹954.00', 'Grand total ₹6,591.88', 'Balance due ₹6,591.88']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('CGST');
  });

  it("links the PDF from GraphQL's invoice (pdfUrl) and REST's, and the link serves the same document", async () => {
    const { id, position } = await issue({});
    const read = await shop.graphql(`query($id: ID!) { invoice(id: $id) { number pdfUrl } }`, { id }, { 'X-Min-Position': String(position) }).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.invoice.pdfUrl).toBe(`/invoices/${id}/pdf`);
    expect((await shop.get(`/invoices/${id}`, position).expect(200)).body.pdfUrl).toBe(`/invoices/${id}/pdf`);
    const text = await pdfText((await pdf(shop, read.body.data.invoice.pdfUrl.split('/')[2]).expect(200)).body);
    expect(text).toContain(`Invoice no. ${read.body.data.invoice.number}`);
  });

  it('renders a credit note for the returned brake pads: its number, the invoice and its date, the reason, GSTINs, HSN and the CGST + SGST reversed', async () => {
    const { id, position } = await issue({});
    const invoice = (await shop.get(`/invoices/${id}`, position).expect(200)).body;
    const credited = await shop.post(`/invoices/${id}/credit-notes`, { reason: 'return', note: 'pads did not fit', lines: [{ lineId: 'line-2', quantity: 1 }] }).expect(201);
    const read = await shop.graphql(`query($id: ID!) { creditNote(id: $id) { number pdfUrl } }`, { id: credited.body.id }, { 'X-Min-Position': String(credited.body.position) }).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.creditNote).toEqual({ number: credited.body.number, pdfUrl: `/credit-notes/${credited.body.id}/pdf` });

    const res = await shop.get(read.body.data.creditNote.pdfUrl, credited.body.position).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${credited.body.number}.pdf"`);
    const text = await pdfText(res.body);
    for (const expected of [
      'CREDIT NOTE', `Credit note no. ${credited.body.number}`, `Against invoice ${invoice.number}`, 'Invoice date', 'Reason Goods returned',
      'Place of supply Karnataka (29)', `GSTIN ${SHOP_GSTIN}`, `GSTIN ${KARNATAKA_FLEET_GSTIN}`, 'Ravi Motors', 'Asha Rao',
      'Brake pad set 8708 1 ₹3,500.00 CGST 9% ₹315.00, SGST 9% ₹315.00 ₹4,130.00',
      'Tax reversed CGST 9% ₹315.00 SGST 9% ₹315.00', 'Taxable value credited ₹3,500.00', 'Total credited ₹4,130.00',
      `This credit note reduces invoice ${invoice.number} by ₹4,130.00.`, 'pads did not fit',
    ]) expect(text).toContain(expected);

    // The invoice's own PDF now shows the credit and the lower balance (6,591.88 - 4,130.00).
    const after = await pdfText((await pdf(shop, id, credited.body.position).expect(200)).body);
    for (const expected of ['Grand total ₹6,591.88', 'Credit notes -₹4,130.00', 'Balance due ₹2,461.88']) expect(after).toContain(expected);

    const other = await ShopClient.signup(platform, 'Third Garage');
    await other.get(`/credit-notes/${credited.body.id}/pdf`).expect(404);
    await platform.http().get(`/credit-notes/${credited.body.id}/pdf`).expect(401);
  });

  it("answers 404 for another tenant's invoice, 401 without a token, 403 to a technician, 404 for an id that is no uuid", async () => {
    const { id, position } = await issue({});
    await pdf(shop, id, position).expect(200);
    const other = await ShopClient.signup(platform, 'Other Garage');
    const notFound = await pdf(other, id).expect(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    await platform.http().get(`/invoices/${id}/pdf`).expect(401);
    const technician = await shop.invite(['technician'], { locationId });
    await pdf(technician, id).expect(403);
    await pdf(shop, 'not-a-uuid').expect(404);
  });
});
