import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

describe('operations endpoints', () => {
  let platform: Platform;
  let shop: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'ops' });
    shop = await ShopClient.signup(platform, 'Metrics Garage');
  });
  afterAll(() => platform.close());

  it('reports PostgreSQL, the event store and Redis as up on /health without a token', async () => {
    const res = await platform.http().get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, eventStore: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('exports projection lag and request durations by route pattern on the API /metrics', async () => {
    const { quoteId, position } = await shop.sentQuote();
    await shop.get(`/quotes/${quoteId}`, position).expect(200);
    const text = (await platform.http().get('/metrics').expect(200)).text;
    expect(text).toMatch(/^workbay_projection_lag_events\{projection="shop\.quote-board"\} \d+$/m);
    expect(text).toMatch(/^workbay_stripe_webhook_unprocessed_events \d+$/m);
    expect(text).toMatch(/^workbay_audit_outbox_staged_changes 0$/m);
    expect(text).toContain('route="/quotes/:id",status="200"');
    expect(text).not.toContain(quoteId);
  });

  it("counts the events each projection committed in the worker's registry", async () => {
    const { position } = await shop.customerWithVehicle();
    await shop.get('/customers', position).expect(200);
    const metric = await platform.worker!.metrics.getSingleMetricAsString('workbay_projection_events_total');
    expect(metric).toMatch(/workbay_projection_events_total\{projection="shop\.customer-directory"\} [1-9]\d*/);
  });
});
