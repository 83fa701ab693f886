/**
 * The shape of every aggregate: pure functions, no I/O. `decide` throws a DomainError when a
 * rule is broken; `evolve` never throws.
 */
export interface Decider<State, Command, Event extends { type: string }> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
}

/** A business rule was broken. `code` is stable and goes to clients; HTTP maps it to 409/422. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /**
   * 'conflict' -> 409 (state does not allow it now), 'rule' -> 422 (never allowed as asked),
   * 'forbidden' -> 403 (allowed, but not to this actor: e.g. a line assigned to someone else).
   */
  readonly kind: 'conflict' | 'rule' | 'not-found' | 'forbidden' = 'rule';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export function fold<State, Event extends { type: string }>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
