import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { encodeCheckpoint } from './esdb-helpers';
import { endOfAll } from './esdb-reads';
import { EsdbEventStore } from './esdb-event-store';

/**
 * Runs the shared contract against a real EventStoreDB (>= 22.6, which reports positions on
 * stream reads), e.g. EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false'. Built for a long-lived
 * server: every test uses fresh tenants (its own stream prefix), and catch-up reads start at the
 * end of $all as the store was created, so a run never pages through earlier runs' events.
 *
 * Without the variable the suite is skipped, and says so twice: a warning at load and a passing
 * test whose name carries the reason, so a green run never hides that nothing was checked.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreContract('EventStoreDB', async (options) => {
    const client = EventStoreDBClient.connectionString(url);
    const end = await endOfAll(client);
    const store = new EsdbEventStore(client, options);
    return {
      store,
      origin: end ? encodeCheckpoint(end) : null,
      cleanup: async () => {
        await store.close();
        await client.dispose();
      },
    };
  });
} else {
  console.warn('[esdb] EVENTSTORE_URL is unset: the EventStoreDB contract suite is SKIPPED.');
  describe.skip('EventStore contract: EventStoreDB', () => {
    it('needs EVENTSTORE_URL', () => undefined);
  });
  describe('EventStoreDB adapter', () => {
    it('SKIPPED the EventStoreDB contract suite because EVENTSTORE_URL is unset', () => {
      expect(url).toBeFalsy();
    });
  });
}
