/**
 * Location aggregate: one shop site of a tenant, with its address, time zone and tax
 * jurisdiction. open -> closed; a closed location takes no more changes. Pure: time, ids and the
 * actor arrive on the command. Names are unique per tenant, but that spans aggregates: see
 * location-name.decider.ts.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction.rules';
import type { TaxId } from '../invoices/tax-id.rules';
import { defaultTaxJurisdiction, validAddress, validLocationTaxId, validCloseReason, validLocationName, validTaxJurisdiction, validTimezone } from './location.rules';
import { LocationAddress, LocationEvent } from './location.events';

export interface OpenLocation {
  type: 'OpenLocation';
  locationId: string;
  name: string;
  address: LocationAddress;
  timezone: string;
  /** Omitted: derived from the address country (see defaultTaxJurisdiction). */
  taxJurisdiction?: TaxJurisdiction | null;
  openedAt: string;
  actor: string;
}

/** `undefined` keeps a value; the address is replaced as a whole. The country cannot change. */
export interface UpdateLocation {
  type: 'UpdateLocation';
  name?: string;
  address?: LocationAddress;
  timezone?: string;
  updatedAt: string;
  actor: string;
}

export interface ChangeLocationTax {
  type: 'ChangeLocationTax';
  taxJurisdiction: TaxJurisdiction;
  changedAt: string;
  actor: string;
}

/** The seller's own registration printed on its invoices; null removes it. */
export interface SetLocationTaxId {
  type: 'SetLocationTaxId';
  taxId: string | null;
  setAt: string;
  actor: string;
}

export interface CloseLocation {
  type: 'CloseLocation';
  reason: string;
  closedAt: string;
  actor: string;
}

/** Fences off a stalled claim on `name` for this location (see LocationNameClaimLapsed). */
export interface LapseLocationNameClaim {
  type: 'LapseLocationNameClaim';
  locationId: string;
  name: string;
  lapsedAt: string;
  actor: string;
}

export type LocationCommand = OpenLocation | UpdateLocation | ChangeLocationTax | SetLocationTaxId | CloseLocation | LapseLocationNameClaim;

export const LOCATION_STATUSES = ['open', 'closed'] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

interface LocationContent {
  locationId: string;
  name: string;
  address: LocationAddress;
  timezone: string;
  taxJurisdiction: TaxJurisdiction;
  /** The location's GSTIN or VAT id (its own registration); absent on locations that never set one. */
  taxId?: TaxId | null;
  openedAt: string;
  updatedAt: string;
}

export type LocationState =
  | { status: 'none' }
  | (LocationContent & { status: 'open' })
  | (LocationContent & { status: 'closed'; closedAt: string; closeReason: string });

export class LocationAlreadyOpened extends DomainError {
  readonly code = 'LOCATION_ALREADY_OPENED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: LocationStatus) {
    super(`location already exists and is ${status}`);
  }
}

export class LocationNotFound extends DomainError {
  readonly code = 'LOCATION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('location does not exist');
  }
}

type LocationAction = 'updated' | 'given another tax jurisdiction' | 'given a tax id' | 'closed';

/** A closed location takes no more changes (409); the message names its state. */
export class LocationIsClosed extends DomainError {
  readonly code = 'LOCATION_CLOSED';
  override readonly kind = 'conflict' as const;
  readonly status = 'closed' as const;
  constructor(action: LocationAction) {
    super(`location is closed; only an open location can be ${action}`);
  }
}

/** Tax registrations are per country: a move abroad is a new location (close this one, open that one). */
export class LocationCountryIsFixed extends DomainError {
  readonly code = 'LOCATION_COUNTRY_FIXED';
  readonly field = 'address.country';
  constructor(from: string, to: string) {
    super(`address.country: a location cannot move from ${from} to ${to}; close it and open a new one`);
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function openLocation(state: LocationState, action: LocationAction): LocationContent {
  if (state.status === 'none') throw new LocationNotFound();
  if (state.status === 'closed') throw new LocationIsClosed(action);
  return state;
}

export const locationDecider: Decider<LocationState, LocationCommand, LocationEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenLocation': {
        if (state.status !== 'none') throw new LocationAlreadyOpened(state.status);
        const name = validLocationName(command.name);
        const address = validAddress(command.address);
        const timezone = validTimezone(command.timezone);
        const taxJurisdiction = command.taxJurisdiction
          ? validTaxJurisdiction(command.taxJurisdiction, address.country)
          : defaultTaxJurisdiction(address.country);
        const { locationId, openedAt } = command;
        return [{ type: 'LocationOpened', data: { locationId, name, address, timezone, taxJurisdiction, openedAt } }];
      }
      case 'UpdateLocation': {
        const current = openLocation(state, 'updated');
        const name = command.name === undefined ? current.name : validLocationName(command.name);
        const address = command.address === undefined ? current.address : validAddress(command.address);
        const timezone = command.timezone === undefined ? current.timezone : validTimezone(command.timezone);
        if (address.country !== current.address.country) throw new LocationCountryIsFixed(current.address.country, address.country);
        if (name === current.name && timezone === current.timezone && sameJson(address, current.address)) return [];
        return [{ type: 'LocationUpdated', data: { locationId: current.locationId, name, address, timezone, updatedAt: command.updatedAt } }];
      }
      case 'ChangeLocationTax': {
        const current = openLocation(state, 'given another tax jurisdiction');
        const taxJurisdiction = validTaxJurisdiction(command.taxJurisdiction, current.address.country);
        if (sameJson(taxJurisdiction, current.taxJurisdiction)) return [];
        return [{ type: 'LocationTaxChanged', data: { locationId: current.locationId, taxJurisdiction, changedAt: command.changedAt } }];
      }
      case 'SetLocationTaxId': {
        const current = openLocation(state, 'given a tax id');
        const taxId = command.taxId === null || command.taxId.trim() === '' ? null : validLocationTaxId(command.taxId, current.taxJurisdiction);
        if (sameJson(taxId, current.taxId ?? null)) return [];
        return [{ type: 'LocationTaxIdSet', data: { locationId: current.locationId, taxId, setAt: command.setAt } }];
      }
      case 'CloseLocation': {
        const current = openLocation(state, 'closed');
        const reason = validCloseReason(command.reason);
        return [{ type: 'LocationClosed', data: { locationId: current.locationId, reason, closedAt: command.closedAt } }];
      }
      case 'LapseLocationNameClaim': {
        const { locationId, name, lapsedAt } = command;
        return [{ type: 'LocationNameClaimLapsed', data: { locationId, name, lapsedAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown location command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LocationOpened':
        return { status: 'open', ...event.data, updatedAt: event.data.openedAt };
      case 'LocationUpdated': {
        if (state.status === 'none') return state;
        const { name, address, timezone, updatedAt } = event.data;
        return { ...state, name, address, timezone, updatedAt };
      }
      case 'LocationTaxChanged':
        if (state.status === 'none') return state;
        return { ...state, taxJurisdiction: event.data.taxJurisdiction, updatedAt: event.data.changedAt };
      case 'LocationTaxIdSet':
        if (state.status === 'none') return state;
        return { ...state, taxId: event.data.taxId, updatedAt: event.data.setAt };
      case 'LocationClosed':
        if (state.status !== 'open') return state;
        return { ...state, status: 'closed', closedAt: event.data.closedAt, closeReason: event.data.reason, updatedAt: event.data.closedAt };
      default:
        return state;
    }
  },
};
