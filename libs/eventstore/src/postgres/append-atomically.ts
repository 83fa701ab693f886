import { Client, Pool, PoolClient } from 'pg';
import { AppendManyItem, assertAppendManyItems, AtomicAppendResult, atomicOutcome, EventMetadata } from '../event-store';
import { appendManyCall, AppendManyRow, appendManyResults, MAX_ATTEMPTS } from './append-many';
import { isSerializationFailure, mapPgError } from './rows';

/**
 * `EventStore.appendAtomically` on PostgreSQL: the `append_many` call inside a transaction of our
 * own, committed only when every item was appended. `append_many` answers a lost race per item
 * (it never raises for one), so the outcome is read first and the transaction rolled back on any
 * conflict or duplicate: the streams' heads, events and idempotency keys it wrote vanish together.
 *
 * On a single connection (a Client) the call joins the transaction open on it, inside a
 * savepoint, as `append` joins it; outside one it opens its own.
 */
export async function appendAtomicallyOnPool(
  pool: Pool | Client, tenantId: string, items: AppendManyItem[], metadata: EventMetadata,
  announce: (position: number) => Promise<void>,
): Promise<AtomicAppendResult> {
  assertAppendManyItems(tenantId, items);
  if (items.length === 0) return { status: 'appended', results: [] };
  const call = appendManyCall(tenantId, items, metadata);
  const pooled = 'totalCount' in pool && 'idleCount' in pool;
  for (let attempt = 1; ; attempt++) {
    const client = pooled ? await (pool as Pool).connect() : (pool as Client);
    let broken: unknown;
    try {
      const scope = pooled ? await Scope.transaction(client) : await Scope.onConnection(client);
      let rows: AppendManyRow[];
      try {
        rows = (await client.query<AppendManyRow>(call)).rows;
      } catch (error) {
        await scope.undo();
        throw error;
      }
      const { results, highest } = appendManyResults(rows, items.length);
      const outcome = atomicOutcome(items, results);
      if (outcome.status !== 'appended') {
        await scope.undo();
        return outcome;
      }
      await scope.keep();
      if (highest > 0) await announce(highest);
      return outcome;
    } catch (error) {
      broken = error;
      // The transaction (or savepoint) was undone: nothing written, so a deadlock or serialization failure is safe to retry.
      if (isSerializationFailure(error) && attempt < MAX_ATTEMPTS) continue;
      throw mapPgError(error, tenantId, items[0].streamId);
    } finally {
      if (pooled) (client as PoolClient).release(broken instanceof Error && !isSerializationFailure(broken) ? broken : undefined);
    }
  }
}

/** A transaction of our own, or a savepoint in the caller's. */
class Scope {
  private constructor(private readonly client: Client | PoolClient, private readonly savepoint: boolean) {}

  static async transaction(client: Client | PoolClient): Promise<Scope> {
    await client.query('begin');
    return new Scope(client, false);
  }

  static async onConnection(client: Client | PoolClient): Promise<Scope> {
    try {
      await client.query('savepoint workbay_append_atomically');
      return new Scope(client, true);
    } catch (error) {
      // 25P01: no transaction is open on this connection, so open one.
      if ((error as { code?: string }).code !== '25P01') throw error;
      return Scope.transaction(client);
    }
  }

  async keep(): Promise<void> {
    await this.client.query(this.savepoint ? 'release savepoint workbay_append_atomically' : 'commit');
  }

  async undo(): Promise<void> {
    await this.client.query(this.savepoint ? 'rollback to savepoint workbay_append_atomically' : 'rollback');
  }
}
