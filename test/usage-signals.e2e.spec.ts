import { Client } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import { PostgresEventStore } from '@workbay/eventstore';
import { processManagerRunnable, ReadModelWaiter, RequestContext } from '@workbay/platform';
import { usageSignals } from '../libs/shop/src/usage/usage-signals.process';
import { createWorker } from '../apps/worker/src/create-worker';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const PROCESS = 'shop.usage-signals';

describe('billable usage signals (for metering to project)', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'usage' });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    shop = await ShopClient.signup(platform);
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  const signals = async (tenantId = shop.tenantId) =>
    (await db.query(`select data, metadata from eventstore.events where tenant_id = $1 and type = 'BillableUsageSignalled' order by global_position`, [tenantId])).rows;
  const runWorkerUntil = async (position: number) => {
    const worker = await createWorker(platform.config, { idleDelayMs: 20 });
    worker.start();
    try {
      // The ticket signal follows the repair order, itself written by a process after `position`.
      const waiter = platform.app.get(ReadModelWaiter);
      expect(await waiter.waitFor('shop.quote-to-repair-order', position, 30000)).toBe(true);
      const head = Number((await db.query(`select max(global_position) as p from eventstore.events`)).rows[0].p);
      expect(await waiter.waitFor(PROCESS, head, 30000)).toBe(true);
    } finally {
      await worker.close();
    }
  };

  it('signals a created customer and an opened ticket once each, citing their source events, and nothing for another tenant', async () => {
    const { quoteId, customerId } = await shop.sentQuote();
    const approved = await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'Asha', channel: 'phone' }).expect(200);
    const other = await ShopClient.signup(platform, 'Quiet Garage');
    await runWorkerUntil(approved.body.position);

    const mine = await signals();
    expect(mine.map((s) => s.data.metric).sort()).toEqual(['shop.customers_created', 'shop.tickets_created']);
    const customer = mine.find((s) => s.data.metric === 'shop.customers_created')!;
    const registered = (await db.query(`select event_id from eventstore.events where type = 'CustomerRegistered' and data->>'customerId' = $1`, [customerId])).rows[0];
    expect(customer.data).toMatchObject({ quantity: 1, currency: null, source: { eventId: registered.event_id, type: 'CustomerRegistered' } });
    expect(customer.metadata).toMatchObject({ actor: `system:${PROCESS}`, causationId: registered.event_id });
    expect(await signals(other.tenantId)).toEqual([]);
  });

  it('signals nothing twice when the source event is delivered again', async () => {
    const created = await shop.post('/customers', { firstName: 'Ravi', lastName: 'K', phone: '+91 98450 00000' }).expect(201);
    const store = new PostgresEventStore(platform.config.SYSTEM_DATABASE_URL);
    const [registered] = (await store.readTenant(shop.tenantId)).filter((e) => e.type === 'CustomerRegistered' && (e.data as { customerId: string }).customerId === created.body.id);
    await store.close();
    const step = processManagerRunnable(usageSignals, platform.app.get(CommandBus), platform.app.get(RequestContext));
    await step.apply(undefined as never, registered);
    await step.apply(undefined as never, registered);
    await runWorkerUntil(created.body.position);
    expect((await signals()).filter((s) => s.data.source.eventId === registered.eventId)).toHaveLength(1);
  });
});
