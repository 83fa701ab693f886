import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@workbay/platform';
import { SHOP } from '@workbay/shop';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

describe('tenant isolation', () => {
  let platform: Platform;
  let ravi: ShopClient;
  let other: ShopClient;
  let quoteId: string;
  let customerId: string;
  let position: number;

  beforeAll(async () => {
    platform = await startPlatform();
    ravi = await ShopClient.signup(platform, 'Ravi Motors');
    other = await ShopClient.signup(platform, 'Other Garage', 'US', 'USD');
    ({ quoteId, customerId, position } = await ravi.sentQuote());
    await other.customerWithVehicle();
  });
  afterAll(() => platform.close());

  it("answers 404 to another tenant's token for a quote, on REST and GraphQL, as for an unknown id", async () => {
    await other.get(`/quotes/${quoteId}`, position).expect(404);
    await other.get(`/customers/${customerId}`).expect(404);
    const gql = await other.graphql(`query($id: ID!) { quote(id: $id) { id } }`, { id: quoteId }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it("cannot approve, send or build on another tenant's records (404 for the path's id, 422 naming a body's, nothing written)", async () => {
    await other.post(`/quotes/${quoteId}/approve`, { approvedByName: 'X', channel: 'sms' }).expect(404);
    const vehicle = await other.post('/vehicles', { customerId, vin: '1HGCM82633A004352', year: 2019, make: 'Honda', model: 'Civic', mileage: 1 }).expect(422);
    expect(vehicle.body.errors).toEqual([expect.objectContaining({ field: 'customerId' })]);
    const gql = await other.graphql(`mutation($id: ID!) { declineQuote(id: $id, input: { channel: sms }) { id } }`, { id: quoteId });
    expect(gql.body.errors[0].extensions.status).toBe(404);
    const mine = await ravi.get(`/quotes/${quoteId}`, position).expect(200);
    expect(mine.body.status).toBe('sent');
  });

  it("lists only the caller's own customers and quotes", async () => {
    const theirs = await other.get('/quotes').expect(200);
    expect(theirs.body.items).toHaveLength(0);
    const customers = await other.get('/customers', position).expect(200);
    expect(customers.body.items.map((c: { id: string }) => c.id)).not.toContain(customerId);
  });

  it('forbids a technician to approve a quote (403 on REST and GraphQL) but lets them read it', async () => {
    const technician = await ravi.invite(['technician']);
    const res = await technician.post(`/quotes/${quoteId}/approve`, { approvedByName: 'T', channel: 'sms' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const gql = await technician.graphql(
      `mutation($id: ID!) { approveQuote(id: $id, input: { approvedByName: "T", channel: sms }) { id } }`, { id: quoteId },
    );
    expect(gql.body.errors[0].extensions.status).toBe(403);
    await technician.get(`/quotes/${quoteId}`, position).expect(200);
  });

  it('keeps tenants apart by row-level security alone when the ORM tenant filter is switched off', async () => {
    const { QuoteRow } = await import('../libs/shop/src/quotes/quote-board.entities');
    const orm = await MikroORM.init(ormOptions({ clientUrl: platform.config.APP_DATABASE_URL, entities: [...SHOP.entities], poolMax: 1 }));
    const unfilteredQuotesAs = (tenantId: string) =>
      orm.em.fork().transactional(async (tx) => {
        await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
        return tx.find(QuoteRow, {}, { filters: false });
      });
    try {
      const rawAsOther = await orm.em.fork().transactional(async (tx) => {
        await tx.execute(`select set_config('app.tenant_id', ?, true)`, [other.tenantId]);
        return tx.execute<{ tenant_id: string }[]>(`select tenant_id from shop.quotes union all select tenant_id from shop.customers`);
      });
      expect(rawAsOther.length).toBeGreaterThan(0);
      expect(rawAsOther.every((r) => r.tenant_id === other.tenantId)).toBe(true);

      const ravisQuotes = await unfilteredQuotesAs(ravi.tenantId);
      expect(ravisQuotes.map((q) => q.id)).toContain(quoteId);
      expect(ravisQuotes.every((q) => q.tenantId === ravi.tenantId)).toBe(true);
      expect(await unfilteredQuotesAs(other.tenantId)).toHaveLength(0);

      const unscoped = await orm.em.fork().execute(`select count(*)::int as n from shop.quotes`);
      expect(unscoped[0].n).toBe(0);
    } finally {
      await orm.close(true);
    }
  });

  it('does not carry one tenant into the next transaction on a pooled connection', async () => {
    const orm = await MikroORM.init(ormOptions({ clientUrl: platform.config.APP_DATABASE_URL, entities: [...SHOP.entities], poolMax: 1 }));
    try {
      const em = orm.em.fork();
      await em.transactional((tx) => tx.execute(`select set_config('app.tenant_id', ?, true)`, [ravi.tenantId]));
      const [after] = await em.execute(`select current_setting('app.tenant_id', true) as t, (select count(*)::int from shop.customers) as n`);
      expect(after.t ?? '').toBe('');
      expect(after.n).toBe(0);
    } finally {
      await orm.close(true);
    }
  });

  it('refuses to read rows of the app role without a tenant at all: the ORM filter fails closed', async () => {
    const orm = await MikroORM.init(ormOptions({ clientUrl: platform.config.APP_DATABASE_URL, entities: [...SHOP.entities], poolMax: 1 }));
    try {
      const { QuoteRow } = await import('../libs/shop/src/quotes/quote-board.entities');
      await expect(orm.em.fork().find(QuoteRow, {})).rejects.toThrow(/filter/i);
    } finally {
      await orm.close(true);
    }
  });
});
