/** Household aggregate: a named group of customers (a family, a small fleet). Pure. */
import { Decider, DomainError } from '@workbay/eventstore/core';
import { readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule } from '@workbay/platform/fields';
import { HouseholdEvent } from './household.events';

export interface FormHousehold {
  type: 'FormHousehold';
  householdId: string;
  name: string;
  formedAt: string;
  actor: string;
}

export interface RenameHousehold {
  type: 'RenameHousehold';
  name: string;
  renamedAt: string;
  actor: string;
}

/** A household's name: one line, spaces collapsed; checked by this rule here and by the DTO. */
export const HOUSEHOLD_NAME: TextRule = { max: 120, collapseSpaces: true };

export type HouseholdCommand = FormHousehold | RenameHousehold;

export type HouseholdState = { status: 'none' } | { status: 'formed'; householdId: string; name: string; formedAt: string };

export class HouseholdAlreadyFormed extends DomainError {
  readonly code = 'HOUSEHOLD_ALREADY_FORMED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('household already exists');
  }
}

export class HouseholdNotFound extends DomainError {
  readonly code = 'HOUSEHOLD_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('household does not exist');
  }
}

/** The name breaks the text rule: too long, or control characters. */
export class InvalidHouseholdName extends DomainError {
  readonly code = 'HOUSEHOLD_NAME_INVALID';
  readonly field = 'name';
  constructor(problem: string) {
    super(`name ${problem}`);
  }
}

export class HouseholdNameRequired extends DomainError {
  readonly code = 'HOUSEHOLD_NAME_REQUIRED';
  readonly field = 'name';
  constructor() {
    super('name: a household needs a name');
  }
}

function validName(raw: string): string {
  const read = readRequiredText(raw, HOUSEHOLD_NAME);
  if (!read.ok && read.problem === TEXT_REQUIRED_MESSAGE) throw new HouseholdNameRequired();
  if (!read.ok) throw new InvalidHouseholdName(read.problem);
  return read.text;
}

export const householdDecider: Decider<HouseholdState, HouseholdCommand, HouseholdEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'FormHousehold': {
        if (state.status !== 'none') throw new HouseholdAlreadyFormed();
        return [{ type: 'HouseholdFormed', data: { householdId: command.householdId, name: validName(command.name), formedAt: command.formedAt } }];
      }
      case 'RenameHousehold': {
        if (state.status === 'none') throw new HouseholdNotFound();
        const name = validName(command.name);
        if (name === state.name) return [];
        return [{ type: 'HouseholdRenamed', data: { householdId: state.householdId, name, renamedAt: command.renamedAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown household command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'HouseholdFormed':
        return { status: 'formed', ...event.data };
      case 'HouseholdRenamed':
        return state.status === 'formed' ? { ...state, name: event.data.name } : state;
      default:
        return state;
    }
  },
};
