/**
 * Customer aggregate: who the shop works for, how to reach them, the household they belong to (at
 * most one; the customer's stream is the authority on membership) and the shop locations they
 * prefer. Pure: time, ids and the actor arrive on the command.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import { readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule } from '@workbay/platform/fields';
import { CustomerEvent } from './customer.events';
import { BillingAddress, validCustomerBilling } from './customer-billing.rules';
import type { TaxId } from '../invoices/tax-id.rules';

export interface RegisterCustomer {
  type: 'RegisterCustomer';
  customerId: string;
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  registeredAt: string;
  actor: string;
}

/** `undefined` keeps a field as it is, `null` (or blank) removes it; one of email/phone must remain. */
export interface UpdateCustomerContact {
  type: 'UpdateCustomerContact';
  email?: string | null;
  phone?: string | null;
  updatedAt: string;
  actor: string;
}

/** Moves the customer into the household (out of any other); joining the same one again changes nothing. */
export interface JoinHousehold {
  type: 'JoinHousehold';
  householdId: string;
  joinedAt: string;
  actor: string;
}

/** `householdId` is the household the caller means: leaving must name the one the customer is in. */
export interface LeaveHousehold {
  type: 'LeaveHousehold';
  householdId: string;
  leftAt: string;
  actor: string;
}

/** Replaces the list; the handler checks each location is an open location of the tenant. */
export interface SetPreferredLocations {
  type: 'SetPreferredLocations';
  locationIds: string[];
  setAt: string;
  actor: string;
}

/** Replaces both: null (or omitted) removes the address or the tax id. A tax id makes the customer a business (B2B). */
export interface SetCustomerBilling {
  type: 'SetCustomerBilling';
  billingAddress?: Partial<BillingAddress> | null;
  taxId?: string | null;
  setAt: string;
  actor: string;
}

export const MAX_PREFERRED_LOCATIONS = 10;

/** A first or last name: one line; checked by this rule here and by the DTO. */
export const CUSTOMER_NAME: TextRule = { max: 100 };

export type CustomerCommand = RegisterCustomer | UpdateCustomerContact | JoinHousehold | LeaveHousehold | SetPreferredLocations | SetCustomerBilling;

export type CustomerState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      customerId: string;
      firstName: string;
      lastName: string;
      email: string | null;
      phone: string | null;
      registeredAt: string;
      updatedAt: string;
      householdId: string | null;
      preferredLocationIds: string[];
      billingAddress: BillingAddress | null;
      taxId: TaxId | null;
    };

export class CustomerAlreadyRegistered extends DomainError {
  readonly code = 'CUSTOMER_ALREADY_REGISTERED';
  override readonly kind = 'conflict' as const;
  constructor(customerId: string) {
    super(`customer ${customerId} is already registered`);
  }
}

export class CustomerNotFound extends DomainError {
  readonly code = 'CUSTOMER_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('customer is not registered');
  }
}

export class CustomerNameRequired extends DomainError {
  readonly code = 'CUSTOMER_NAME_REQUIRED';
  constructor(readonly field: 'firstName' | 'lastName') {
    super(`${field === 'firstName' ? 'first' : 'last'} name must not be empty`);
  }
}

/** A name breaks the text rule: too long, or control characters. */
export class InvalidCustomerName extends DomainError {
  readonly code = 'CUSTOMER_NAME_INVALID';
  constructor(readonly field: 'firstName' | 'lastName', problem: string) {
    super(`${field} ${problem}`);
  }
}

export class CustomerContactRequired extends DomainError {
  readonly code = 'CUSTOMER_CONTACT_REQUIRED';
  readonly field = 'email';
  constructor() {
    super('a customer needs an email address or a phone number');
  }
}

export class InvalidCustomerEmail extends DomainError {
  readonly code = 'CUSTOMER_EMAIL_INVALID';
  readonly field = 'email';
  constructor(email: string) {
    super(`'${email}' is not an email address`);
  }
}

export class InvalidCustomerPhone extends DomainError {
  readonly code = 'CUSTOMER_PHONE_INVALID';
  readonly field = 'phone';
  constructor(phone: string) {
    super(`'${phone}' is not a phone number (6 to 15 digits, optional leading +)`);
  }
}

/** Leaving a household the customer is not in (409, naming where they are). */
export class CustomerNotInHousehold extends DomainError {
  readonly code = 'CUSTOMER_NOT_IN_HOUSEHOLD';
  override readonly kind = 'conflict' as const;
  constructor(householdId: string, current: string | null) {
    super(`customer is ${current ? `in household ${current}` : 'in no household'}, not in household ${householdId}`);
  }
}

export class InvalidPreferredLocations extends DomainError {
  readonly code = 'CUSTOMER_PREFERRED_LOCATIONS_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

function validPreferredLocations(ids: string[]): string[] {
  if (ids.length > MAX_PREFERRED_LOCATIONS) {
    throw new InvalidPreferredLocations('locationIds', `at most ${MAX_PREFERRED_LOCATIONS} preferred locations`);
  }
  const seen = new Set<string>();
  return ids.map((raw, i) => {
    const id = raw.trim();
    if (id === '') throw new InvalidPreferredLocations(`locationIds[${i}]`, 'location id must not be empty');
    if (seen.has(id)) throw new InvalidPreferredLocations(`locationIds[${i}]`, `location ${id} is listed twice`);
    seen.add(id);
    return id;
  });
}

/** Shape only (something@domain.tld, no spaces); deliverability is not the domain's concern. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** Digits with optional leading + (E.164 allows at most 15); spaces, dots, dashes, parentheses ignored. */
const PHONE_SHAPE = /^\+?\d{6,15}$/;

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function validEmail(raw: string | null | undefined): string | null {
  const email = blankToNull(raw);
  if (email !== null && !EMAIL_SHAPE.test(email)) throw new InvalidCustomerEmail(email);
  return email;
}

function validPhone(raw: string | null | undefined): string | null {
  const phone = blankToNull(raw);
  if (phone !== null && !PHONE_SHAPE.test(phone.replace(/[\s.()-]/g, ''))) throw new InvalidCustomerPhone(phone);
  return phone;
}

function requiredName(value: string, field: 'firstName' | 'lastName'): string {
  const read = readRequiredText(value, CUSTOMER_NAME);
  if (!read.ok && read.problem === TEXT_REQUIRED_MESSAGE) throw new CustomerNameRequired(field);
  if (!read.ok) throw new InvalidCustomerName(field, read.problem);
  return read.text;
}

export const customerDecider: Decider<CustomerState, CustomerCommand, CustomerEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCustomer': {
        if (state.status !== 'unregistered') throw new CustomerAlreadyRegistered(state.customerId);
        const firstName = requiredName(command.firstName, 'firstName');
        const lastName = requiredName(command.lastName, 'lastName');
        const email = validEmail(command.email);
        const phone = validPhone(command.phone);
        if (email === null && phone === null) throw new CustomerContactRequired();
        const { customerId, registeredAt } = command;
        return [{ type: 'CustomerRegistered', data: { customerId, firstName, lastName, email, phone, registeredAt } }];
      }
      case 'UpdateCustomerContact': {
        if (state.status !== 'registered') throw new CustomerNotFound();
        const email = command.email === undefined ? state.email : validEmail(command.email);
        const phone = command.phone === undefined ? state.phone : validPhone(command.phone);
        if (email === null && phone === null) throw new CustomerContactRequired();
        if (email === state.email && phone === state.phone) return [];
        return [
          { type: 'CustomerContactUpdated', data: { customerId: state.customerId, email, phone, updatedAt: command.updatedAt } },
        ];
      }
      case 'JoinHousehold': {
        if (state.status !== 'registered') throw new CustomerNotFound();
        if (state.householdId === command.householdId) return [];
        return [{
          type: 'CustomerJoinedHousehold',
          data: { customerId: state.customerId, householdId: command.householdId, previousHouseholdId: state.householdId, joinedAt: command.joinedAt },
        }];
      }
      case 'LeaveHousehold': {
        if (state.status !== 'registered') throw new CustomerNotFound();
        if (state.householdId !== command.householdId) throw new CustomerNotInHousehold(command.householdId, state.householdId);
        return [{ type: 'CustomerLeftHousehold', data: { customerId: state.customerId, householdId: state.householdId, leftAt: command.leftAt } }];
      }
      case 'SetPreferredLocations': {
        if (state.status !== 'registered') throw new CustomerNotFound();
        const locationIds = validPreferredLocations(command.locationIds);
        if (locationIds.join() === state.preferredLocationIds.join()) return [];
        return [{ type: 'CustomerPreferredLocationsSet', data: { customerId: state.customerId, locationIds, setAt: command.setAt } }];
      }
      case 'SetCustomerBilling': {
        if (state.status !== 'registered') throw new CustomerNotFound();
        const { billingAddress, taxId } = validCustomerBilling(command.billingAddress, command.taxId);
        if (JSON.stringify([billingAddress, taxId]) === JSON.stringify([state.billingAddress, state.taxId])) return [];
        return [{ type: 'CustomerBillingSet', data: { customerId: state.customerId, billingAddress, taxId, setAt: command.setAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown customer command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CustomerRegistered':
        return { status: 'registered', ...event.data, updatedAt: event.data.registeredAt, householdId: null, preferredLocationIds: [], billingAddress: null, taxId: null };
      case 'CustomerContactUpdated':
        if (state.status !== 'registered') return state;
        return { ...state, email: event.data.email, phone: event.data.phone, updatedAt: event.data.updatedAt };
      case 'CustomerJoinedHousehold':
        return state.status === 'registered' ? { ...state, householdId: event.data.householdId } : state;
      case 'CustomerLeftHousehold':
        return state.status === 'registered' ? { ...state, householdId: null } : state;
      case 'CustomerPreferredLocationsSet':
        return state.status === 'registered' ? { ...state, preferredLocationIds: event.data.locationIds } : state;
      case 'CustomerBillingSet':
        return state.status === 'registered' ? { ...state, billingAddress: event.data.billingAddress, taxId: event.data.taxId } : state;
      default:
        return state;
    }
  },
};
