/**
 * Customer aggregate: who the shop works for and how to reach them. Pure: time, ids and the actor
 * arrive on the command.
 */
import { Decider, DomainError } from '@workbay/eventstore';
import { CustomerEvent } from './customer.events';

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

export type CustomerCommand = RegisterCustomer | UpdateCustomerContact;

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
  const name = value.trim();
  if (name === '') throw new CustomerNameRequired(field);
  return name;
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
      default: {
        const unknown: never = command;
        throw new Error(`unknown customer command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CustomerRegistered':
        return { status: 'registered', ...event.data, updatedAt: event.data.registeredAt };
      case 'CustomerContactUpdated':
        if (state.status !== 'registered') return state;
        return { ...state, email: event.data.email, phone: event.data.phone, updatedAt: event.data.updatedAt };
      default:
        return state;
    }
  },
};
