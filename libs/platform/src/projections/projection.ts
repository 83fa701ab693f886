import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';

/**
 * A read model's writer. It owns its tables (cleared on rebuild) and a checkpoint row; the
 * runtime hands it events in the store's catch-up order inside a transaction that also moves
 * the checkpoint, so each event takes effect exactly once even if the worker dies mid-batch.
 * `apply` must be deterministic: a rebuild from position 0 must give the same rows.
 */
export interface Projection {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** Tables the projection owns, schema-qualified; emptied on rebuild. */
  readonly tables: readonly string[];
  apply(em: EntityManager, event: StoredEvent): Promise<void>;
  /**
   * Optional: the events of a batch (only the projection's types, in catch-up order) at once, so
   * their writes can go out as a few multi-row statements (see `RowChanges`). When present the
   * runner calls it instead of `apply`; it must leave the rows `apply` event by event would.
   */
  applyBatch?(em: EntityManager, events: readonly StoredEvent[]): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
