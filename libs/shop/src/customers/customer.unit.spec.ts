import { given } from '@workbay/eventstore/testing';
import {
  CustomerAlreadyRegistered,
  CustomerContactRequired,
  customerDecider,
  CustomerNameRequired,
  InvalidCustomerName,
  CustomerNotFound,
  InvalidCustomerEmail,
  InvalidCustomerPhone,
  RegisterCustomer,
  UpdateCustomerContact,
} from './customer.decider';
import { CustomerContactUpdated, CustomerRegistered, customerStreamCategory } from './customer.events';

const register = (overrides: Partial<RegisterCustomer> = {}): RegisterCustomer => ({
  type: 'RegisterCustomer',
  customerId: 'cus-1',
  firstName: 'Asha',
  lastName: 'Rao',
  email: 'asha@example.in',
  phone: '+91 98765 43210',
  registeredAt: '2025-03-01T09:00:00.000Z',
  actor: 'user-1',
  ...overrides,
});

const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'cus-1',
    firstName: 'Asha',
    lastName: 'Rao',
    email: 'asha@example.in',
    phone: '+91 98765 43210',
    registeredAt: '2025-03-01T09:00:00.000Z',
  },
};

const update = (contact: Pick<UpdateCustomerContact, 'email' | 'phone'>): UpdateCustomerContact => ({
  type: 'UpdateCustomerContact',
  ...contact,
  updatedAt: '2025-04-01T12:00:00.000Z',
  actor: 'user-2',
});

const contactUpdated = (email: string | null, phone: string | null): CustomerContactUpdated => ({
  type: 'CustomerContactUpdated',
  data: { customerId: 'cus-1', email, phone, updatedAt: '2025-04-01T12:00:00.000Z' },
});

describe('Customer', () => {
  it("lives in the 'customer' stream category", () => {
    expect(customerStreamCategory).toBe('customer');
  });

  describe('registering a customer', () => {
    it('registers a customer with a name, an email and a phone', () => {
      const state = given(customerDecider).when(register()).then([registered]);
      expect(state).toMatchObject({ status: 'registered', customerId: 'cus-1', updatedAt: registered.data.registeredAt });
    });

    it('registers a customer reachable by email only', () => {
      given(customerDecider)
        .when(register({ phone: undefined }))
        .then([{ ...registered, data: { ...registered.data, phone: null } }]);
    });

    it('registers a customer reachable by phone only, treating a blank email as none', () => {
      given(customerDecider)
        .when(register({ email: '   ' }))
        .then([{ ...registered, data: { ...registered.data, email: null } }]);
    });

    it('trims names, email and phone', () => {
      given(customerDecider)
        .when(register({ firstName: ' Asha ', lastName: '\tRao', email: ' asha@example.in ', phone: ' +91 98765 43210 ' }))
        .then([registered]);
    });

    it.each(['firstName', 'lastName'] as const)('rejects a blank %s, naming the field', (field) => {
      given(customerDecider)
        .when(register({ [field]: '  ' }))
        .thenThrows(CustomerNameRequired, { code: 'CUSTOMER_NAME_REQUIRED', kind: 'rule', field });
    });

    it.each(['firstName', 'lastName'] as const)('rejects a %s over 100 characters or with a line break (the DTO rule), naming the field', (field) => {
      given(customerDecider).when(register({ [field]: 'A'.repeat(101) })).thenThrows(InvalidCustomerName, { code: 'CUSTOMER_NAME_INVALID', field });
      given(customerDecider).when(register({ [field]: 'A\nB' })).thenThrows(InvalidCustomerName, { field });
    });

    it('rejects a customer with neither email nor phone', () => {
      given(customerDecider)
        .when(register({ email: undefined, phone: null }))
        .thenThrows(CustomerContactRequired, { code: 'CUSTOMER_CONTACT_REQUIRED', kind: 'rule' });
    });

    it.each(['asha', 'asha@', '@example.in', 'asha@example', 'asha rao@example.in', 'asha@@example.in', 'asha@example..in'])(
      'rejects the email %p as not an email address',
      (email) => {
        given(customerDecider)
          .when(register({ email }))
          .thenThrows(InvalidCustomerEmail, { code: 'CUSTOMER_EMAIL_INVALID', kind: 'rule', field: 'email' });
      },
    );

    it.each(['a.b+tag@mail.example.co.in', 'X@Y.ZZ'])('accepts the email %p', (email) => {
      given(customerDecider).when(register({ email })).then([{ ...registered, data: { ...registered.data, email } }]);
    });

    it.each(['12345', 'call me', '+1 (555) 123-4567 ext 9', '+1234567890123456'])(
      'rejects the phone %p as not a phone number',
      (phone) => {
        given(customerDecider)
          .when(register({ phone }))
          .thenThrows(InvalidCustomerPhone, { code: 'CUSTOMER_PHONE_INVALID', kind: 'rule', field: 'phone' });
      },
    );

    it.each(['+1 (555) 123-4567', '020 7946 0958', '555.123.4567'])('accepts the phone %p', (phone) => {
      given(customerDecider).when(register({ phone })).then([{ ...registered, data: { ...registered.data, phone } }]);
    });

    it('rejects registering an existing customer again with a conflict', () => {
      given(customerDecider, [registered])
        .when(register())
        .thenThrows(CustomerAlreadyRegistered, { code: 'CUSTOMER_ALREADY_REGISTERED', kind: 'conflict', message: /cus-1/ });
    });
  });

  describe('updating contact details', () => {
    it('replaces the email and keeps the phone when only the email is given', () => {
      const state = given(customerDecider, [registered])
        .when(update({ email: 'asha.rao@example.in' }))
        .then([contactUpdated('asha.rao@example.in', '+91 98765 43210')]);
      expect(state).toMatchObject({ email: 'asha.rao@example.in', updatedAt: '2025-04-01T12:00:00.000Z' });
    });

    it('removes the phone when it is null and an email remains', () => {
      given(customerDecider, [registered]).when(update({ phone: null })).then([contactUpdated('asha@example.in', null)]);
    });

    it('rejects removing the last way to reach the customer', () => {
      given(customerDecider, [registered, contactUpdated('asha@example.in', null)])
        .when(update({ email: '' }))
        .thenThrows(CustomerContactRequired, { code: 'CUSTOMER_CONTACT_REQUIRED' });
    });

    it('validates the new email and phone like at registration', () => {
      given(customerDecider, [registered]).when(update({ email: 'nope' })).thenThrows(InvalidCustomerEmail, { field: 'email' });
      given(customerDecider, [registered]).when(update({ phone: '12' })).thenThrows(InvalidCustomerPhone, { field: 'phone' });
    });

    it('records nothing when the contact details do not change', () => {
      given(customerDecider, [registered]).when(update({ email: ' asha@example.in ' })).then([]);
    });

    it('reports an unregistered customer as not found', () => {
      given(customerDecider)
        .when(update({ email: 'a@b.co' }))
        .thenThrows(CustomerNotFound, { code: 'CUSTOMER_NOT_FOUND', kind: 'not-found' });
    });
  });

  it('ignores a contact update for a customer it does not know instead of throwing', () => {
    expect(given(customerDecider, [contactUpdated('a@b.co', null)]).state).toEqual({ status: 'unregistered' });
  });
});
