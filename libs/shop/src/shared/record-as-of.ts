import { EventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { NotFoundError } from '@workbay/platform';

/**
 * What a projection writes for one record, as a pure fold over that record's stored events
 * (null until the record exists). A detail view's `?asOf=` path folds the events up to the
 * instant with it and hands the rows to the same mapper as the live read, so the two cannot
 * differ by mapping; the `asOf=now` property test (test/as-of-equals-live.e2e.spec.ts) holds the
 * fold to the projection's SQL.
 */
export type RecordRows<R> = (rows: R | null, event: StoredEvent) => R | null;

/** The record's rows as its projection had written them at `asOf`; 404 when it did not exist yet. */
export async function rowsAsOf<R>(
  store: EventStore, tenantId: string, category: string, id: string, asOf: string, fold: RecordRows<R>, what: string,
): Promise<R> {
  const stored = await store.readStream(tenantId, streamIdFor(tenantId, category, id), { until: asOf });
  const rows = stored.reduce<R | null>(fold, null);
  if (!rows) throw new NotFoundError(what, id);
  return rows;
}

export const dateOf = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);
