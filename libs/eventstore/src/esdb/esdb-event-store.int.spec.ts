import { describeEventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

/**
 * Runs the shared contract against a real EventStoreDB (>= 22.6, which reports positions on
 * stream reads), e.g. EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false'. Every test uses fresh
 * tenants, so a long-lived server needs no cleanup between runs.
 *
 * Without the variable the suite is skipped, and says so twice: a warning at load and a passing
 * test whose name carries the reason, so a green run never hides that nothing was checked.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreContract('EventStoreDB', async (options) => {
    const store = new EsdbEventStore(url, options);
    return { store, cleanup: () => store.close() };
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
