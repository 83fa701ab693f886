/** Household aggregate: a named group of customers (a family, a small fleet). Pure. */
import { Decider, DomainError } from '@workbay/eventstore/core';
import { readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule } from '@workbay/platform/fields';
import { HouseholdEvent } from './household.events';
import { BillingAddress, validCustomerBilling } from '../customers/customer-billing.rules';
import type { TaxId } from '../invoices/tax-id.rules';

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

/**
 * Replaces both, as SetCustomerBilling does: null (or omitted) removes the address or the tax id.
 * A member without billing details of their own is invoiced to these (invoices/place-of-supply.rules.ts).
 */
export interface SetHouseholdBilling {
  type: 'SetHouseholdBilling';
  billingAddress?: Partial<BillingAddress> | null;
  taxId?: string | null;
  setAt: string;
  actor: string;
}

/** A household's name: one line, spaces collapsed; checked by this rule here and by the DTO. */
export const HOUSEHOLD_NAME: TextRule = { max: 120, collapseSpaces: true };

export type HouseholdCommand = FormHousehold | RenameHousehold | SetHouseholdBilling;

export type HouseholdState =
  | { status: 'none' }
  | { status: 'formed'; householdId: string; name: string; formedAt: string; billingAddress: BillingAddress | null; taxId: TaxId | null };

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
      case 'SetHouseholdBilling': {
        if (state.status === 'none') throw new HouseholdNotFound();
        // The customer's rules, so a household's GSTIN or VAT id is checked exactly as a customer's is.
        const { billingAddress, taxId } = validCustomerBilling(command.billingAddress, command.taxId);
        if (JSON.stringify([billingAddress, taxId]) === JSON.stringify([state.billingAddress, state.taxId])) return [];
        return [{ type: 'HouseholdBillingSet', data: { householdId: state.householdId, billingAddress, taxId, setAt: command.setAt } }];
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
        return { status: 'formed', ...event.data, billingAddress: null, taxId: null };
      case 'HouseholdRenamed':
        return state.status === 'formed' ? { ...state, name: event.data.name } : state;
      case 'HouseholdBillingSet':
        return state.status === 'formed' ? { ...state, billingAddress: event.data.billingAddress, taxId: event.data.taxId } : state;
      default:
        return state;
    }
  },
};
