/** Facts about a shop location. Stream: `${tenantId}.location-${locationId}`; the actor is in the metadata. */
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction.rules';
import type { TaxId } from '../invoices/tax-id.rules';

export const locationStreamCategory = 'location' as const;

/** Postal address; `country` is ISO 3166-1 alpha-2 (upper case). Strings are trimmed. */
export interface LocationAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface LocationOpened {
  type: 'LocationOpened';
  data: {
    locationId: string;
    name: string;
    address: LocationAddress;
    /** IANA time zone name, e.g. 'Asia/Kolkata'. */
    timezone: string;
    /** As configured (or derived from the country when none was given); agrees with address.country. */
    taxJurisdiction: TaxJurisdiction;
    /** ISO-8601 UTC. */
    openedAt: string;
  };
}

/** Carries name, address and time zone after the change (all three), not a diff. */
export interface LocationUpdated {
  type: 'LocationUpdated';
  data: {
    locationId: string;
    name: string;
    address: LocationAddress;
    timezone: string;
    updatedAt: string;
  };
}

export interface LocationTaxChanged {
  type: 'LocationTaxChanged';
  data: {
    locationId: string;
    taxJurisdiction: TaxJurisdiction;
    changedAt: string;
  };
}

/** The location's own GSTIN or VAT id, as validated; null: removed. */
export interface LocationTaxIdSet {
  type: 'LocationTaxIdSet';
  data: { locationId: string; taxId: TaxId | null; setAt: string };
}

export interface LocationClosed {
  type: 'LocationClosed';
  data: {
    locationId: string;
    reason: string;
    closedAt: string;
  };
}

/**
 * A claim on `name` made for this location (before it opened or was renamed) did not complete in
 * time and was taken over by another location. Written to fence off the stalled command: its
 * append expects the version before this event and fails. Changes nothing else.
 */
export interface LocationNameClaimLapsed {
  type: 'LocationNameClaimLapsed';
  data: {
    locationId: string;
    name: string;
    lapsedAt: string;
  };
}

export type LocationEvent = LocationOpened | LocationUpdated | LocationTaxChanged | LocationTaxIdSet | LocationClosed | LocationNameClaimLapsed;
