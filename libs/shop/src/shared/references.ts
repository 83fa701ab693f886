import { Decider, DomainError } from '@workbay/eventstore';
import { AggregateStore, NotFoundError } from '@workbay/platform';

/**
 * An id in a command's body that names no record of this tenant (streams are per tenant, so
 * another shop's id is as unknown as a made-up one): 422 naming the field. 404 is kept for the
 * path's own id, the record the request is about.
 */
export class UnknownReference extends DomainError {
  readonly code = 'REFERENCE_NOT_FOUND';
  constructor(readonly field: string, what: string) {
    super(`${field}: no such ${what} in this shop`);
  }
}

/** The current state of the aggregate a command refers to by `field`, read from its stream (never a lagging read model). */
export async function loadReferenced<S, E extends { type: string; data?: unknown }>(
  aggregates: AggregateStore,
  decider: Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>,
  category: string,
  id: string,
  field: string,
  what: string,
): Promise<S> {
  try {
    return (await aggregates.load(decider, category, id, { what })).state;
  } catch (error) {
    if (error instanceof NotFoundError) throw new UnknownReference(field, what);
    throw error;
  }
}
