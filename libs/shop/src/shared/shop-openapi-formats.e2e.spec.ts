import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

type Schema = { type?: string; format?: string; pattern?: string; enum?: unknown[]; minimum?: number; items?: Schema; $ref?: string; properties?: Record<string, Schema> };

/** The shop's request and response bodies in the document (the platform's are the "openapi" side's). */
const SHOP_SCHEMAS = [
  'RegisterCustomerInput', 'CustomerView', 'VehicleView', 'AddVehicleInput', 'RecordMileageInput', 'HouseholdView', 'VehicleHistoryView', 'ServiceVisitView',
  'ServiceLineView', 'ServiceInvoiceView', 'QuoteLineInput', 'CreateQuoteInput', 'ApproveQuoteInput', 'QuoteView', 'QuoteLineView', 'RepairOrderView',
  'RepairOrderLineView', 'RepairOrderSummaryView', 'AssignTechnicianInput', 'RecordPaymentInput', 'RefundPaymentInput', 'InvoiceView', 'InvoiceLineView',
  'InvoicePaymentView', 'InvoiceRefundView', 'OnlinePaymentView', 'OpenLocationInput', 'LocationAddressInput', 'TaxJurisdictionInput', 'LocationView',
  'CannedJobView', 'DefineCannedJobInput', 'CannedJobLaborInput', 'CannedJobPartInput', 'OutstandingInvoiceView', 'RevenueDayView', 'CommandResultView',
];
/** OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`, as the JSON Schema Ajv checks. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJsonSchema(v)]));
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.exclusiveMinimum === true) [out.exclusiveMinimum, out.minimum] = [out.minimum, undefined];
  delete out.nullable;
  return out;
}

/** Ids that are not UUIDs: a quote line's own id and Stripe's PaymentIntent id. */
// A tax id is a GSTIN or VAT id (a registration), not a record's uuid.
const NOT_UUID = new Set(['lineId', 'lineIds', 'paymentIntentId', 'taxId', 'sellerTaxId', 'buyerTaxId']);

describe('the shop OpenAPI document', () => {
  let platform: Platform;
  let shop: ShopClient;
  let schemas: Record<string, Schema>;
  let ajv: Ajv;
  const accepts = (name: string, body: unknown) => {
    const validate: ValidateFunction = ajv.getSchema(`doc#/components/schemas/${name}`)!;
    return validate(body);
  };

  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
    shop = await ShopClient.signup(platform);
    const doc = (await platform.http().get('/docs-json').expect(200)).body;
    schemas = doc.components.schemas;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: toJsonSchema(doc.components) });
  });
  afterAll(() => platform.close());

  it('gives ids, money, counts, instants, days, codes and statuses their formats', () => {
    const wrong: string[] = [];
    for (const name of SHOP_SCHEMAS) {
      expect(schemas[name]).toBeDefined();
      for (const [field, raw] of Object.entries(schemas[name].properties ?? {})) {
        const s = raw.type === 'array' && raw.items ? raw.items : raw;
        const at = `${name}.${field}`;
        if (/(^id|Id|Ids)$/.test(field) && !NOT_UUID.has(field) && s.format !== 'uuid') wrong.push(`${at}: not format uuid`);
        if (/Minor$/.test(field) && s.type !== 'integer') wrong.push(`${at}: not an integer`);
        if (/At$/.test(field) && s.format !== 'date-time') wrong.push(`${at}: not date-time`);
        if (/^(followUpOn|day)$/.test(field) && s.format !== 'date') wrong.push(`${at}: not date`);
        if (/^(status|kind|method|channel|decision|decisionChannel)$/.test(field) && !s.enum?.length) wrong.push(`${at}: no enum`);
        if (field === 'currency' && s.pattern !== '^[A-Z]{3}$') wrong.push(`${at}: no ISO 4217 pattern`);
        if (field === 'country' && s.pattern !== '^[A-Z]{2}$') wrong.push(`${at}: no ISO 3166 pattern`);
        if (field === 'vin' && !s.pattern) wrong.push(`${at}: no VIN pattern`);
        if (field === 'email' && s.format !== 'email') wrong.push(`${at}: not format email`);
        if (/^(mileage|year)$/.test(field) && (s.type !== 'integer' || s.minimum === undefined)) wrong.push(`${at}: no integer minimum`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('accepts the bodies the server accepts, and refuses the ones it refuses with a 400 naming the field', async () => {
    const customer = await shop.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201);
    const vehicle = { customerId: customer.body.id, vin: '1hgcm82633a004352', year: 2019, make: 'Honda', model: 'City', mileage: 42000 };
    expect(accepts('AddVehicleInput', vehicle)).toBe(true);
    const added = await shop.post('/vehicles', vehicle).expect(201);

    for (const [field, bad] of [['mileage', -1], ['customerId', 'not-a-uuid'], ['vin', '1HGCM82633A00435O'], ['year', 1899]] as const) {
      const body = { ...vehicle, [field]: bad };
      expect([field, accepts('AddVehicleInput', body)]).toEqual([field, false]);
      const res = await shop.post('/vehicles', body);
      expect([field, [400, 422].includes(res.status)]).toEqual([field, true]);
      expect(fieldsOf(res.body)).toContain(field);
    }

    const quote = { customerId: customer.body.id, vehicleId: added.body.id, lines: THREE_LINES };
    expect(accepts('CreateQuoteInput', quote)).toBe(true);
    await shop.post('/quotes', quote).expect(201);
    const zeroQuantity = { ...quote, lines: [{ ...THREE_LINES[0], quantity: 0 }] };
    expect(accepts('CreateQuoteInput', zeroQuantity)).toBe(false);
    expect(fieldsOf((await shop.post('/quotes', zeroQuantity).expect(400)).body)).toEqual(['lines[0].quantity']);
  });
});
