/**
 * Given/when/then for deciders, so aggregate tests read like the business:
 *
 *   given(quoteDecider, [created, sent]).when(approve).then([approved]);
 *   given(quoteDecider, [created]).when(approve).thenThrows(QuoteNotSent, { kind: 'conflict' });
 *
 * `given` folds the history with `evolve`, `when` runs `decide` on the resulting state. `then` also
 * folds the produced events on top, proving `evolve` accepts what `decide` emits, and returns the
 * resulting state for further assertions. Uses Jest's global `expect`; for tests only.
 *
 * Note: the step object has a `then` method (the wording of the spec style), so never `await` it.
 */
import { Decider, DomainError, fold } from '../decider';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** What a thrown error must also match; `message` may be a substring or a RegExp. */
export interface ExpectedError {
  code?: string;
  kind?: DomainError['kind'];
  field?: string;
  message?: string | RegExp;
}

export interface WhenStep<State, Event> {
  /** Asserts `decide` returned exactly these events; returns the state after applying them. */
  then(expected: Event[]): State;
  /** Asserts `decide` threw an instance of `errorClass` (matching `expected`); returns it. */
  thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected?: ExpectedError): E;
}

export interface GivenStep<State, Command, Event> {
  /** The state folded from the given history. */
  readonly state: State;
  when(command: Command): WhenStep<State, Event>;
}

export function given<State, Command, Event extends { type: string }>(
  decider: Decider<State, Command, Event>,
  history: Event[] = [],
): GivenStep<State, Command, Event> {
  const state = fold(decider, history);
  return {
    state,
    when(command: Command): WhenStep<State, Event> {
      return {
        then(expected: Event[]): State {
          const produced = decider.decide(command, state);
          expect(produced).toEqual(expected);
          return produced.reduce(decider.evolve, state);
        },
        thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected: ExpectedError = {}): E {
          let thrown: unknown;
          let produced: Event[] | undefined;
          try {
            produced = decider.decide(command, state);
          } catch (error) {
            thrown = error;
          }
          if (thrown === undefined) {
            throw new Error(`expected ${errorClass.name} to be thrown, but decide returned ${JSON.stringify(produced)}`);
          }
          expect(thrown).toBeInstanceOf(errorClass);
          const error = thrown as E & Record<string, unknown>;
          const { message, ...fields } = expected;
          if (Object.keys(fields).length > 0) expect(error).toMatchObject(fields);
          if (message !== undefined) expect(error.message).toMatch(message);
          return error;
        },
      };
    },
  };
}
