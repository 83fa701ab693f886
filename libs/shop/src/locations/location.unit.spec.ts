import { given } from '@workbay/eventstore/testing';
import {
  ChangeLocationTax,
  CloseLocation,
  LocationAlreadyOpened,
  LocationCountryIsFixed,
  locationDecider,
  LocationIsClosed,
  LocationNotFound,
  OpenLocation,
  UpdateLocation,
} from './location.decider';
import {
  GstStateCodeRequired,
  InvalidLocationField,
  InvalidLocationTaxJurisdiction,
  InvalidLocationTimezone,
  TaxJurisdictionMismatch,
} from './location.rules';
import { LocationAddress, LocationClosed, LocationOpened, LocationTaxChanged, locationStreamCategory } from './location.events';

const BENGALURU: LocationAddress = {
  line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN',
};
const BERLIN: LocationAddress = { line1: 'Torstrasse 1', line2: null, city: 'Berlin', region: 'Berlin', postalCode: '10119', country: 'DE' };

const open = (overrides: Partial<OpenLocation> = {}): OpenLocation => ({
  type: 'OpenLocation',
  locationId: 'loc-1',
  name: 'Indiranagar',
  address: BENGALURU,
  timezone: 'Asia/Kolkata',
  taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  openedAt: '2025-03-01T09:00:00.000Z',
  actor: 'user-1',
  ...overrides,
});

const opened: LocationOpened = {
  type: 'LocationOpened',
  data: {
    locationId: 'loc-1', name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata',
    taxJurisdiction: { kind: 'IN_GST', stateCode: '29' }, openedAt: '2025-03-01T09:00:00.000Z',
  },
};

const openedIn = (address: LocationAddress, taxJurisdiction: LocationOpened['data']['taxJurisdiction']): LocationOpened => ({
  ...opened, data: { ...opened.data, address, taxJurisdiction },
});

const update = (changes: Pick<UpdateLocation, 'name' | 'address' | 'timezone'>): UpdateLocation => ({
  type: 'UpdateLocation', ...changes, updatedAt: '2025-04-01T12:00:00.000Z', actor: 'user-2',
});

const changeTax = (taxJurisdiction: ChangeLocationTax['taxJurisdiction']): ChangeLocationTax => ({
  type: 'ChangeLocationTax', taxJurisdiction, changedAt: '2025-05-01T00:00:00.000Z', actor: 'user-2',
});

const close = (reason = 'lease ended'): CloseLocation => ({ type: 'CloseLocation', reason, closedAt: '2025-06-30T18:00:00.000Z', actor: 'user-1' });

const closed: LocationClosed = { type: 'LocationClosed', data: { locationId: 'loc-1', reason: 'lease ended', closedAt: '2025-06-30T18:00:00.000Z' } };

describe('Location', () => {
  it("lives in the 'location' stream category", () => {
    expect(locationStreamCategory).toBe('location');
  });

  describe('opening a location', () => {
    it('opens an Indian location registered for GST in its state', () => {
      const state = given(locationDecider).when(open()).then([opened]);
      expect(state).toMatchObject({ status: 'open', locationId: 'loc-1', updatedAt: opened.data.openedAt });
    });

    it('trims the name, collapses its spaces, and trims every address field', () => {
      given(locationDecider)
        .when(open({ name: '  Indiranagar ', address: { ...BENGALURU, line1: ' 100 Feet Road ', city: 'Bengaluru\t' } }))
        .then([opened]);
      given(locationDecider).when(open({ name: 'Indiranagar   Branch' })).then([{ ...opened, data: { ...opened.data, name: 'Indiranagar Branch' } }]);
    });

    it('treats a blank second address line as none', () => {
      given(locationDecider)
        .when(open({ address: { ...BENGALURU, line2: '  ' } }))
        .then([openedIn({ ...BENGALURU, line2: null }, { kind: 'IN_GST', stateCode: '29' })]);
    });

    it('rejects a blank name or address field, naming the field', () => {
      given(locationDecider).when(open({ name: '  ' })).thenThrows(InvalidLocationField, { field: 'name', kind: 'rule' });
      for (const field of ['line1', 'city', 'region', 'postalCode'] as const) {
        given(locationDecider).when(open({ address: { ...BENGALURU, [field]: ' ' } })).thenThrows(InvalidLocationField, { field: `address.${field}` });
      }
    });

    it.each(['XX', 'EU', 'UK', 'in', 'IND', ''])('rejects %p as a country that is not ISO 3166-1 alpha-2', (country) => {
      given(locationDecider).when(open({ address: { ...BENGALURU, country } })).thenThrows(InvalidLocationField, { field: 'address.country' });
    });

    it('accepts IANA aliases such as Asia/Kolkata that Intl.supportedValuesOf omits in Node 20', () => {
      given(locationDecider).when(open({ timezone: 'Asia/Kolkata' })).then([opened]);
      given(locationDecider).when(open({ timezone: 'UTC' })).then([{ ...opened, data: { ...opened.data, timezone: 'UTC' } }]);
    });

    it.each(['Asia/Bangalore', '+05:30', 'IST+5', ''])('rejects %p as a time zone, naming the field', (timezone) => {
      given(locationDecider).when(open({ timezone })).thenThrows(InvalidLocationTimezone, { field: 'timezone', code: 'LOCATION_TIMEZONE_INVALID' });
    });

    it('refuses to open a location twice with 409 naming its state', () => {
      given(locationDecider, [opened]).when(open()).thenThrows(LocationAlreadyOpened, { kind: 'conflict', message: /open/ });
      given(locationDecider, [opened, closed]).when(open()).thenThrows(LocationAlreadyOpened, { message: /closed/ });
    });
  });

  describe('the tax jurisdiction at opening', () => {
    it('requires a GST state code for an Indian location that gives no jurisdiction', () => {
      given(locationDecider).when(open({ taxJurisdiction: undefined })).thenThrows(GstStateCodeRequired, { field: 'taxJurisdiction.stateCode' });
    });

    it('requires the state code of an IN_GST jurisdiction', () => {
      given(locationDecider)
        .when(open({ taxJurisdiction: { kind: 'IN_GST' } as never }))
        .thenThrows(GstStateCodeRequired, { field: 'taxJurisdiction.stateCode' });
    });

    it('derives EU VAT of the country for a location in an EU member state', () => {
      given(locationDecider)
        .when(open({ address: BERLIN, timezone: 'Europe/Berlin', taxJurisdiction: undefined }))
        .then([{ ...openedIn(BERLIN, { kind: 'EU_VAT', country: 'DE' }), data: { ...openedIn(BERLIN, { kind: 'EU_VAT', country: 'DE' }).data, timezone: 'Europe/Berlin' } }]);
    });

    it('derives US sales tax at 0 for a US location and no tax elsewhere', () => {
      const us = { ...BERLIN, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
      const [usOpened] = locationDecider.decide(open({ address: us, taxJurisdiction: null }), { status: 'none' });
      expect(usOpened.data).toMatchObject({ taxJurisdiction: { kind: 'US_SALES_TAX', rateBps: 0 } });
      const [chOpened] = locationDecider.decide(open({ address: { ...BERLIN, country: 'CH' }, taxJurisdiction: null }), { status: 'none' });
      expect(chOpened.data).toMatchObject({ taxJurisdiction: { kind: 'NONE' } });
    });

    it('refuses a jurisdiction of another country, naming the field', () => {
      given(locationDecider)
        .when(open({ address: BERLIN, taxJurisdiction: { kind: 'EU_VAT', country: 'FR' } }))
        .thenThrows(TaxJurisdictionMismatch, { field: 'taxJurisdiction.country', code: 'LOCATION_TAX_COUNTRY_MISMATCH' });
      given(locationDecider)
        .when(open({ address: BERLIN, taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } }))
        .thenThrows(TaxJurisdictionMismatch, { field: 'taxJurisdiction.kind' });
      given(locationDecider)
        .when(open({ taxJurisdiction: { kind: 'US_SALES_TAX', rateBps: 825 } }))
        .thenThrows(TaxJurisdictionMismatch, { field: 'taxJurisdiction.kind' });
    });

    it("accepts Greece as 'EL' (as VIES spells it) for an address in GR", () => {
      const athens = { ...BERLIN, city: 'Athens', region: 'Attica', postalCode: '10552', country: 'GR' };
      const [event] = locationDecider.decide(open({ address: athens, taxJurisdiction: { kind: 'EU_VAT', country: 'EL' } }), { status: 'none' });
      expect(event.data).toMatchObject({ taxJurisdiction: { kind: 'EU_VAT', country: 'EL' } });
    });

    it("reports the tax module's own rules under taxJurisdiction.* with the tax module's code", () => {
      given(locationDecider)
        .when(open({ taxJurisdiction: { kind: 'IN_GST', stateCode: '99' } }))
        .thenThrows(InvalidLocationTaxJurisdiction, { field: 'taxJurisdiction.stateCode', code: 'TAX_GST_STATE_INVALID', message: /^taxJurisdiction\.stateCode/ });
      given(locationDecider)
        .when(open({ taxJurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 10001 } }))
        .thenThrows(InvalidLocationTaxJurisdiction, { field: 'taxJurisdiction.rateBps', code: 'TAX_RATE_INVALID' });
    });

    it('accepts NONE in any country, e.g. a shop below the registration threshold', () => {
      given(locationDecider).when(open({ taxJurisdiction: { kind: 'NONE' } })).then([openedIn(BENGALURU, { kind: 'NONE' })]);
    });
  });

  describe('updating a location', () => {
    it('records the name, address and time zone after the change', () => {
      const moved = { ...BENGALURU, line1: '12th Main', line2: null };
      const state = given(locationDecider, [opened])
        .when(update({ name: 'Indiranagar East', address: moved }))
        .then([{ type: 'LocationUpdated', data: { locationId: 'loc-1', name: 'Indiranagar East', address: moved, timezone: 'Asia/Kolkata', updatedAt: '2025-04-01T12:00:00.000Z' } }]);
      expect(state).toMatchObject({ status: 'open', name: 'Indiranagar East', address: moved, updatedAt: '2025-04-01T12:00:00.000Z' });
    });

    it('records nothing when nothing changes', () => {
      given(locationDecider, [opened]).when(update({ name: ' Indiranagar ', timezone: 'Asia/Kolkata' })).then([]);
    });

    it('refuses to move a location to another country (tax registrations are per country)', () => {
      given(locationDecider, [opened]).when(update({ address: BERLIN })).thenThrows(LocationCountryIsFixed, { field: 'address.country' });
    });

    it('validates the new values like at opening', () => {
      given(locationDecider, [opened]).when(update({ timezone: 'Mars/Olympus' })).thenThrows(InvalidLocationTimezone);
      given(locationDecider, [opened]).when(update({ name: '' })).thenThrows(InvalidLocationField, { field: 'name' });
    });

    it('rejects updating a closed location with 409 naming its state', () => {
      given(locationDecider, [opened, closed])
        .when(update({ name: 'Reopened' }))
        .thenThrows(LocationIsClosed, { kind: 'conflict', code: 'LOCATION_CLOSED', message: 'location is closed; only an open location can be updated' });
    });

    it('reports a location that never opened as not found', () => {
      given(locationDecider).when(update({ name: 'x' })).thenThrows(LocationNotFound, { kind: 'not-found' });
    });
  });

  describe('changing the tax jurisdiction', () => {
    const taxChanged: LocationTaxChanged = {
      type: 'LocationTaxChanged',
      data: { locationId: 'loc-1', taxJurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 1200 }, changedAt: '2025-05-01T00:00:00.000Z' },
    };

    it('records the new jurisdiction', () => {
      const state = given(locationDecider, [opened]).when(changeTax({ kind: 'IN_GST', stateCode: '29', rateBps: 1200 })).then([taxChanged]);
      expect(state).toMatchObject({ taxJurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 1200 } });
    });

    it('keeps only the fields of the kind', () => {
      given(locationDecider, [opened])
        .when(changeTax({ kind: 'NONE', rateBps: 5 } as never))
        .then([{ ...taxChanged, data: { ...taxChanged.data, taxJurisdiction: { kind: 'NONE' } } }]);
    });

    it('records nothing when the jurisdiction is the same', () => {
      given(locationDecider, [opened]).when(changeTax({ kind: 'IN_GST', stateCode: '29' })).then([]);
    });

    it("still has to agree with the location's country", () => {
      given(locationDecider, [opened]).when(changeTax({ kind: 'EU_VAT', country: 'DE' })).thenThrows(TaxJurisdictionMismatch, { field: 'taxJurisdiction.country' });
    });

    it('refuses an odd GST rate that cannot split into equal CGST and SGST halves', () => {
      given(locationDecider, [opened])
        .when(changeTax({ kind: 'IN_GST', stateCode: '29', rateBps: 0.01 }))
        .thenThrows(InvalidLocationTaxJurisdiction, { field: 'taxJurisdiction.rateBps' });
    });

    it('rejects a tax change on a closed location with 409', () => {
      given(locationDecider, [opened, closed]).when(changeTax({ kind: 'NONE' })).thenThrows(LocationIsClosed, { message: /closed/ });
    });
  });

  describe('closing a location', () => {
    it('closes an open location with the reason', () => {
      const state = given(locationDecider, [opened]).when(close(' lease ended ')).then([closed]);
      expect(state).toMatchObject({ status: 'closed', closeReason: 'lease ended', closedAt: closed.data.closedAt, name: 'Indiranagar' });
    });

    it('needs a reason', () => {
      given(locationDecider, [opened]).when(close(' ')).thenThrows(InvalidLocationField, { field: 'reason' });
      given(locationDecider, [opened]).when(close('x'.repeat(501))).thenThrows(InvalidLocationField, { field: 'reason', message: /at most 500/ });
    });

    it('rejects closing a closed location with 409', () => {
      given(locationDecider, [opened, closed]).when(close()).thenThrows(LocationIsClosed, { kind: 'conflict' });
    });
  });

  it('records a lapsed name claim without changing the location', () => {
    const state = given(locationDecider, [opened])
      .when({ type: 'LapseLocationNameClaim', locationId: 'loc-1', name: 'Koramangala', lapsedAt: '2025-05-01T00:00:00.000Z', actor: 'user-3' })
      .then([{ type: 'LocationNameClaimLapsed', data: { locationId: 'loc-1', name: 'Koramangala', lapsedAt: '2025-05-01T00:00:00.000Z' } }]);
    expect(state).toEqual(given(locationDecider, [opened]).state);
  });

  it('ignores changes for a location it does not know instead of throwing', () => {
    expect(given(locationDecider, [closed]).state).toEqual({ status: 'none' });
  });
});
