/**
 * What makes a location's address, time zone and tax jurisdiction valid, and which jurisdiction a
 * country gets when none is configured. Pure; errors are DomainErrors naming the input field.
 */
import { DomainError } from '@workbay/eventstore/core';
import { countryCodeOf, isCountryCode, readOptionalText, readRequiredText, TextRule } from '@workbay/platform/fields';
import { EU_VAT_STANDARD_RATES_BPS, TaxJurisdiction, taxComponentsFor } from '../invoices/tax-jurisdiction.rules';
import type { LocationAddress } from './location.events';
import { InvalidTaxId, TaxId, validTaxId } from '../invoices/tax-id.rules';

export { isCountryCode };

/** The text fields of a location, each checked by the one text rule here and by its DTO. */
export const LOCATION_TEXT = {
  name: { max: 100, collapseSpaces: true },
  line1: { max: 200 },
  line2: { max: 200 },
  city: { max: 100 },
  region: { max: 100 },
  postalCode: { max: 20 },
  closeReason: { max: 500, multiline: true },
} as const satisfies Record<string, TextRule>;

/** The address (or the name) breaks a rule; `field` names it, e.g. 'address.postalCode'. */
export class InvalidLocationField extends DomainError {
  readonly code = 'LOCATION_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class InvalidLocationTimezone extends DomainError {
  readonly code = 'LOCATION_TIMEZONE_INVALID';
  readonly field = 'timezone';
  constructor(timezone: string) {
    super(`timezone: '${timezone}' is not an IANA time zone name (e.g. 'Asia/Kolkata')`);
  }
}

/** The jurisdiction does not belong to the location's country (IN_GST outside India, ...). */
export class TaxJurisdictionMismatch extends DomainError {
  readonly code = 'LOCATION_TAX_COUNTRY_MISMATCH';
  constructor(readonly field: 'taxJurisdiction.kind' | 'taxJurisdiction.country', message: string) {
    super(`${field}: ${message}`);
  }
}

/** An Indian location's GST registration is per state: its jurisdiction cannot be guessed. */
export class GstStateCodeRequired extends DomainError {
  readonly code = 'LOCATION_GST_STATE_REQUIRED';
  readonly field = 'taxJurisdiction.stateCode';
  constructor() {
    super('taxJurisdiction.stateCode: a location in India needs an IN_GST jurisdiction with its GST state code');
  }
}

/**
 * A rule of the tax module (invoices/tax-jurisdiction.rules.ts) refused the jurisdiction; same code and
 * message, with the field renamed from the tax module's `jurisdiction.*` to this API's `taxJurisdiction.*`.
 */
export class InvalidLocationTaxJurisdiction extends DomainError {
  readonly code: string;
  constructor(readonly field: string, code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function text(field: string, value: unknown, rule: TextRule): string {
  const read = readRequiredText(value, rule);
  if (!read.ok) throw new InvalidLocationField(field, read.problem);
  return read.text;
}

export function validLocationName(name: unknown): string {
  return text('name', name, LOCATION_TEXT.name);
}

/** Why a location closes: required. */
export function validCloseReason(reason: unknown): string {
  return text('reason', reason, LOCATION_TEXT.closeReason);
}

export function validAddress(address: Partial<LocationAddress> | undefined): LocationAddress {
  if (typeof address !== 'object' || address === null) throw new InvalidLocationField('address', 'is required');
  const line2 = readOptionalText(address.line2, LOCATION_TEXT.line2);
  if (!line2.ok) throw new InvalidLocationField('address.line2', line2.problem);
  const country = countryCodeOf(address.country);
  if (country === undefined) {
    throw new InvalidLocationField('address.country', `'${String(address.country)}' is not an ISO 3166-1 alpha-2 country code (e.g. 'IN', 'DE', 'US')`);
  }
  return {
    line1: text('address.line1', address.line1, LOCATION_TEXT.line1),
    line2: line2.text,
    city: text('address.city', address.city, LOCATION_TEXT.city),
    region: text('address.region', address.region, LOCATION_TEXT.region),
    postalCode: text('address.postalCode', address.postalCode, LOCATION_TEXT.postalCode),
    country,
  };
}

/**
 * Any name `Intl` resolves, aliases included: Node 20's Intl.supportedValuesOf('timeZone') lists
 * ICU's canonical 'Asia/Calcutta' but not 'Asia/Kolkata', so checking membership there would refuse
 * the name India uses. UTC offsets ('+05:30') are not zones: they ignore daylight saving.
 */
export function validTimezone(timezone: unknown): string {
  const tz = typeof timezone === 'string' ? timezone.trim() : '';
  if (tz === '' || /^[+-]/.test(tz)) throw new InvalidLocationTimezone(String(timezone));
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new InvalidLocationTimezone(tz);
  }
  return tz;
}

const EU_MEMBERS: ReadonlySet<string> = new Set(Object.keys(EU_VAT_STANDARD_RATES_BPS));
/** VIES (and the tax module) spell Greece 'EL'; ISO 3166 says 'GR'. */
const isoCountryOfVat = (country: string) => (country === 'EL' ? 'GR' : country);

/** The jurisdiction a location gets when none is given. India has none to guess: GST is per state. */
export function defaultTaxJurisdiction(country: string): TaxJurisdiction {
  if (country === 'IN') throw new GstStateCodeRequired();
  if (country === 'US') return { kind: 'US_SALES_TAX', rateBps: 0 };
  if (EU_MEMBERS.has(country)) return { kind: 'EU_VAT', country };
  if (country === 'JP') return { kind: 'JP_CONSUMPTION_TAX' };
  return { kind: 'NONE' };
}

/** Checks the jurisdiction belongs to `country` and passes the tax module's own rules; returns it with only its kind's fields. */
export function validTaxJurisdiction(jurisdiction: TaxJurisdiction, country: string): TaxJurisdiction {
  const j = jurisdiction as { kind?: unknown; stateCode?: unknown; country?: unknown; rateBps?: unknown; reducedRateBps?: unknown };
  const rate = j.rateBps === undefined || j.rateBps === null ? {} : { rateBps: j.rateBps as number };
  let clean: TaxJurisdiction;
  switch (j.kind) {
    case 'IN_GST':
      if (country !== 'IN') throw new TaxJurisdictionMismatch('taxJurisdiction.kind', `IN_GST applies only to a location in India (IN), not ${country}`);
      if (j.stateCode === undefined || j.stateCode === null || j.stateCode === '') throw new GstStateCodeRequired();
      clean = { kind: 'IN_GST', stateCode: j.stateCode as string, ...rate };
      break;
    case 'EU_VAT':
      if (typeof j.country !== 'string' || isoCountryOfVat(j.country) !== country) {
        throw new TaxJurisdictionMismatch('taxJurisdiction.country', `EU VAT country '${String(j.country)}' is not the location's country ${country}`);
      }
      clean = { kind: 'EU_VAT', country: j.country, ...rate, ...(j.reducedRateBps === undefined || j.reducedRateBps === null ? {} : { reducedRateBps: j.reducedRateBps as number }) };
      break;
    case 'US_SALES_TAX':
      if (country !== 'US') throw new TaxJurisdictionMismatch('taxJurisdiction.kind', `US_SALES_TAX applies only to a location in the US, not ${country}`);
      clean = { kind: 'US_SALES_TAX', ...rate };
      break;
    case 'JP_CONSUMPTION_TAX':
      if (country !== 'JP') throw new TaxJurisdictionMismatch('taxJurisdiction.kind', `JP_CONSUMPTION_TAX applies only to a location in Japan (JP), not ${country}`);
      clean = { kind: 'JP_CONSUMPTION_TAX', ...rate };
      break;
    case 'NONE':
      clean = { kind: 'NONE' };
      break;
    default:
      clean = jurisdiction; // the tax module names the unknown kind below
  }
  try {
    // With the shop's own state as place of supply, IN_GST also checks the rate splits into CGST + SGST.
    taxComponentsFor(clean, clean.kind === 'IN_GST' ? clean.stateCode : undefined);
    if (clean.kind === 'EU_VAT' && clean.reducedRateBps !== undefined) taxComponentsFor(clean, undefined, 'reduced');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = ((error as DomainError & { field?: string }).field ?? 'jurisdiction').replace(/^jurisdiction\b/, 'taxJurisdiction');
    throw new InvalidLocationTaxJurisdiction(field, error.code, error.message.replace(/^jurisdiction\./, 'taxJurisdiction.'));
  }
  return clean;
}

/**
 * A location registers where it is: its GSTIN's state is the location's GST state, its VAT id's
 * member state the location's country. Elsewhere there is no id the invoice would print.
 */
export function validLocationTaxId(raw: string, jurisdiction: TaxJurisdiction): TaxId {
  const taxId = validTaxId('taxId', raw);
  if (jurisdiction.kind === 'IN_GST') {
    if (taxId.scheme !== 'IN_GSTIN') throw new InvalidTaxId('taxId', 'an IN_GST location is registered by a GSTIN');
    if (taxId.stateCode !== jurisdiction.stateCode) throw new InvalidTaxId('taxId', `the GSTIN is registered in state ${taxId.stateCode}, the location charges GST in state ${jurisdiction.stateCode}`);
    return taxId;
  }
  if (jurisdiction.kind === 'EU_VAT') {
    const country = jurisdiction.country === 'EL' ? 'GR' : jurisdiction.country;
    if (taxId.scheme !== 'EU_VAT') throw new InvalidTaxId('taxId', 'an EU_VAT location is registered by an EU VAT id');
    if (taxId.country !== country) throw new InvalidTaxId('taxId', `a ${taxId.country} VAT id does not register a location charging ${country} VAT`);
    return taxId;
  }
  throw new InvalidTaxId('taxId', `a ${jurisdiction.kind} location has no GSTIN or VAT id to print`);
}
