import { Client } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

interface AuditEvent { type: string; streamId: string; globalPosition: number; streamVersion: number }

describe('audit: replay and verification of a tenant stream', () => {
  let platform: Platform;
  let owner: ShopClient;
  let auditor: ShopClient;
  let quoteId: string;
  let customerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'audit', worker: false });
    owner = await ShopClient.signup(platform, 'Audited Motors');
    auditor = await owner.invite(['auditor']);
    ({ quoteId, customerId } = await owner.sentQuote());
  });
  afterAll(() => platform.close());

  async function allEvents(client: ShopClient, first: number): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: { body: { items: AuditEvent[]; nextAfter: number | null } } = await client.get(`/audit/events?after=${after}&first=${first}`).expect(200);
      events.push(...page.body.items);
      after = page.body.nextAfter;
    }
    return events;
  }

  it("pages through the tenant's own events in global order, and only those", async () => {
    const events = await allEvents(auditor, 2);
    const positions = events.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    expect(events.every((e) => e.streamId.startsWith(`${owner.tenantId}.`))).toBe(true);
    const shopTypes = events.map((e) => e.type).filter((t) => /^(Customer|Vehicle|Quote)/.test(t));
    expect(shopTypes).toEqual(['CustomerRegistered', 'VehicleAdded', 'QuoteCreated', 'QuoteSent']);

    const stranger = await ShopClient.signup(platform, 'Nosy Garage');
    const theirs = await allEvents(stranger, 100);
    expect(theirs.some((e) => e.streamId.includes(quoteId))).toBe(false);
  });

  it('reports an untouched tenant as verified, on REST and GraphQL', async () => {
    const rest = await auditor.get('/audit/verification').expect(200);
    expect(rest.body).toMatchObject({ ok: true, breaks: [] });
    expect(rest.body.eventsChecked).toBeGreaterThanOrEqual(4);
    const gql = await auditor.graphql('{ auditVerification { ok eventsChecked } auditEvents(first: 1) { items { type data } nextAfter } }').expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.auditVerification.ok).toBe(true);
    expect(gql.body.data.auditEvents.items).toHaveLength(1);
  });

  it('forbids a technician to read the audit log (403)', async () => {
    const technician = await owner.invite(['technician']);
    await technician.get('/audit/events').expect(403);
    await technician.get('/audit/verification').expect(403);
  });

  it('shows any record as it stood at an instant, with the events that made it, on REST and GraphQL', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await owner.patch(`/customers/${customerId}`, { email: 'asha.rao@example.com' }).expect(200);

    const then = await auditor.get(`/audit/records/customer/${customerId}?asOf=${before}`).expect(200);
    expect(then.body).toMatchObject({ category: 'customer', id: customerId, asOf: before, version: 1, state: { status: 'registered', email: null } });
    expect(then.body.events.map((e: AuditEvent) => e.type)).toEqual(['CustomerRegistered']);
    const now = await auditor.get(`/audit/records/customer/${customerId}`).expect(200);
    expect(now.body).toMatchObject({ asOf: null, version: 2, state: { email: 'asha.rao@example.com' } });
    expect(now.body.events.map((e: AuditEvent) => e.streamVersion)).toEqual([1, 2]);

    const gql = await auditor.graphql(`query($id: String!) { auditRecord(category: "quote", id: $id) { version state events { type } } }`, { id: quoteId });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.auditRecord).toMatchObject({ version: 2, state: { status: 'sent' }, events: [{ type: 'QuoteCreated' }, { type: 'QuoteSent' }] });
  });

  it('refuses an unknown category (400 naming it), a record before it existed or of another tenant (404), and anyone who may not replay (403)', async () => {
    const unknown = await auditor.get(`/audit/records/ledger/${quoteId}`).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'category', message: expect.stringContaining('quote') })]);
    await auditor.get(`/audit/records/quote/${quoteId}?asOf=2000-01-01T00:00:00Z`).expect(404);
    const badInstant = await auditor.get(`/audit/records/quote/${quoteId}?asOf=yesterday`).expect(400);
    expect(badInstant.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    const stranger = await ShopClient.signup(platform, 'Curious Garage');
    await stranger.get(`/audit/records/quote/${quoteId}`).expect(404);
    const finance = await owner.invite(['finance']);
    await finance.get(`/audit/records/quote/${quoteId}`).expect(403);
  });

  it('names the altered event when a row is changed directly in the database', async () => {
    const db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(
        `update eventstore.events set data = jsonb_set(data, '{lines,0,unitPriceMinor}', '1') where type = 'QuoteCreated' and tenant_id = $1`,
        [owner.tenantId],
      );
    } finally {
      await db.end();
    }
    const res = await auditor.get('/audit/verification').expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.breaks).toEqual([
      expect.objectContaining({ streamId: expect.stringContaining(quoteId), streamVersion: 1, reason: 'altered' }),
    ]);
  });
});
