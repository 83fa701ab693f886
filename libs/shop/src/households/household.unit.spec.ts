import { given } from '@workbay/eventstore/testing';
import { customerDecider, CustomerNotFound, CustomerNotInHousehold, InvalidPreferredLocations, MAX_PREFERRED_LOCATIONS } from '../customers/customer.decider';
import { CustomerJoinedHousehold, CustomerLeftHousehold, CustomerRegistered } from '../customers/customer.events';
import { HouseholdAlreadyFormed, householdDecider, HouseholdNameRequired, HouseholdNotFound, InvalidHouseholdName } from './household.decider';
import { HouseholdFormed } from './household.events';

const at = '2025-04-01T09:00:00.000Z';
const formed: HouseholdFormed = { type: 'HouseholdFormed', data: { householdId: 'h-1', name: 'Rao family', formedAt: at } };
const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: { customerId: 'cus-1', firstName: 'Asha', lastName: 'Rao', email: null, phone: '+919876543210', registeredAt: at },
};
const joined = (householdId: string, previousHouseholdId: string | null = null): CustomerJoinedHousehold => ({
  type: 'CustomerJoinedHousehold', data: { customerId: 'cus-1', householdId, previousHouseholdId, joinedAt: at },
});
const left: CustomerLeftHousehold = { type: 'CustomerLeftHousehold', data: { customerId: 'cus-1', householdId: 'h-1', leftAt: at } };
const join = (householdId: string) => ({ type: 'JoinHousehold' as const, householdId, joinedAt: at, actor: 'u' });
const leave = (householdId: string) => ({ type: 'LeaveHousehold' as const, householdId, leftAt: at, actor: 'u' });
const prefer = (locationIds: string[]) => ({ type: 'SetPreferredLocations' as const, locationIds, setAt: at, actor: 'u' });

describe('Household', () => {
  it('is formed with a tidy name, once', () => {
    given(householdDecider).when({ type: 'FormHousehold', householdId: 'h-1', name: '  Rao   family ', formedAt: at, actor: 'u' }).then([formed]);
    given(householdDecider, [formed]).when({ type: 'FormHousehold', householdId: 'h-1', name: 'x', formedAt: at, actor: 'u' })
      .thenThrows(HouseholdAlreadyFormed, { kind: 'conflict' });
    given(householdDecider).when({ type: 'FormHousehold', householdId: 'h-1', name: ' ', formedAt: at, actor: 'u' })
      .thenThrows(HouseholdNameRequired, { field: 'name' });
  });

  it('refuses a name the text rule refuses (over 120 characters, control characters), naming it', () => {
    given(householdDecider).when({ type: 'FormHousehold', householdId: 'h-1', name: 'R'.repeat(121), formedAt: at, actor: 'u' })
      .thenThrows(InvalidHouseholdName, { code: 'HOUSEHOLD_NAME_INVALID', field: 'name' });
    given(householdDecider, [formed]).when({ type: 'RenameHousehold', name: 'Rao\u0000', renamedAt: at, actor: 'u' })
      .thenThrows(InvalidHouseholdName, { field: 'name' });
  });

  it('is renamed, and renaming to the same name changes nothing', () => {
    given(householdDecider, [formed]).when({ type: 'RenameHousehold', name: 'Rao fleet', renamedAt: at, actor: 'u' })
      .then([{ type: 'HouseholdRenamed', data: { householdId: 'h-1', name: 'Rao fleet', renamedAt: at } }]);
    given(householdDecider, [formed]).when({ type: 'RenameHousehold', name: 'Rao family', renamedAt: at, actor: 'u' }).then([]);
    given(householdDecider).when({ type: 'RenameHousehold', name: 'x', renamedAt: at, actor: 'u' }).thenThrows(HouseholdNotFound);
  });
});

describe('a customer in a household', () => {
  it('joins a household, and joining it again changes nothing', () => {
    expect(given(customerDecider, [registered]).when(join('h-1')).then([joined('h-1')])).toMatchObject({ householdId: 'h-1' });
    given(customerDecider, [registered, joined('h-1')]).when(join('h-1')).then([]);
  });

  it('moves from one household to another, naming the one left behind', () => {
    given(customerDecider, [registered, joined('h-1')]).when(join('h-2')).then([joined('h-2', 'h-1')]);
  });

  it('leaves the household they are in, and only that one', () => {
    expect(given(customerDecider, [registered, joined('h-1')]).when(leave('h-1')).then([left])).toMatchObject({ householdId: null });
    given(customerDecider, [registered, joined('h-2')]).when(leave('h-1'))
      .thenThrows(CustomerNotInHousehold, { kind: 'conflict', message: 'customer is in household h-2, not in household h-1' });
    given(customerDecider, [registered, joined('h-1'), left]).when(leave('h-1')).thenThrows(CustomerNotInHousehold, { message: /in no household/ });
    given(customerDecider).when(join('h-1')).thenThrows(CustomerNotFound);
  });
});

describe('preferred shop locations', () => {
  it('keeps the list in the order given, trims ids, and ignores a repeat of the same list', () => {
    const set = { type: 'CustomerPreferredLocationsSet' as const, data: { customerId: 'cus-1', locationIds: ['l-2', 'l-1'], setAt: at } };
    expect(given(customerDecider, [registered]).when(prefer([' l-2', 'l-1'])).then([set])).toMatchObject({ preferredLocationIds: ['l-2', 'l-1'] });
    given(customerDecider, [registered, set]).when(prefer(['l-2', 'l-1'])).then([]);
    given(customerDecider, [registered, set]).when(prefer([])).then([{ ...set, data: { ...set.data, locationIds: [] } }]);
  });

  it('refuses a repeated location or too many, naming the field', () => {
    given(customerDecider, [registered]).when(prefer(['l-1', 'l-1'])).thenThrows(InvalidPreferredLocations, { field: 'locationIds[1]' });
    const many = Array.from({ length: MAX_PREFERRED_LOCATIONS + 1 }, (_, i) => `l-${i}`);
    given(customerDecider, [registered]).when(prefer(many)).thenThrows(InvalidPreferredLocations, { field: 'locationIds' });
  });
});
