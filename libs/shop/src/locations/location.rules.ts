/**
 * What makes a location's address, time zone and tax jurisdiction valid, and which jurisdiction a
 * country gets when none is configured. Pure; errors are DomainErrors naming the input field.
 */
import { DomainError } from '@workbay/eventstore/core';
import { EU_VAT_STANDARD_RATES_BPS, TaxJurisdiction, taxComponentsFor } from '../invoices/tax-jurisdiction.rules';
import type { LocationAddress } from './location.events';

/** Officially assigned ISO 3166-1 alpha-2 codes (249). Intl.DisplayNames also knows EU, UN, XK, ZZ... so it cannot decide this. */
const ISO_COUNTRIES: ReadonlySet<string> = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
    'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG ' +
    'GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR ' +
    'KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF ' +
    'NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
    'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW').split(' '),
);

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

function text(field: string, value: unknown, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw new InvalidLocationField(field, 'must not be empty');
  if (trimmed.length > max) throw new InvalidLocationField(field, `must be at most ${max} characters`);
  return trimmed;
}

export function validLocationName(name: unknown): string {
  return text('name', name, 100).replace(/\s+/g, ' ');
}

export function isCountryCode(country: unknown): country is string {
  return typeof country === 'string' && ISO_COUNTRIES.has(country);
}

export function validAddress(address: Partial<LocationAddress> | undefined): LocationAddress {
  if (typeof address !== 'object' || address === null) throw new InvalidLocationField('address', 'is required');
  const line2 = typeof address.line2 === 'string' && address.line2.trim() !== '' ? text('address.line2', address.line2, 200) : null;
  const country = typeof address.country === 'string' ? address.country.trim() : address.country;
  if (!isCountryCode(country)) {
    throw new InvalidLocationField('address.country', `'${String(country)}' is not an ISO 3166-1 alpha-2 country code (e.g. 'IN', 'DE', 'US')`);
  }
  return {
    line1: text('address.line1', address.line1, 200),
    line2,
    city: text('address.city', address.city, 100),
    region: text('address.region', address.region, 100),
    postalCode: text('address.postalCode', address.postalCode, 20),
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
  return { kind: 'NONE' };
}

/** Checks the jurisdiction belongs to `country` and passes the tax module's own rules; returns it with only its kind's fields. */
export function validTaxJurisdiction(jurisdiction: TaxJurisdiction, country: string): TaxJurisdiction {
  const j = jurisdiction as { kind?: unknown; stateCode?: unknown; country?: unknown; rateBps?: unknown };
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
      clean = { kind: 'EU_VAT', country: j.country, ...rate };
      break;
    case 'US_SALES_TAX':
      if (country !== 'US') throw new TaxJurisdictionMismatch('taxJurisdiction.kind', `US_SALES_TAX applies only to a location in the US, not ${country}`);
      clean = { kind: 'US_SALES_TAX', ...rate };
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
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = ((error as DomainError & { field?: string }).field ?? 'jurisdiction').replace(/^jurisdiction\b/, 'taxJurisdiction');
    throw new InvalidLocationTaxJurisdiction(field, error.code, error.message.replace(/^jurisdiction\./, 'taxJurisdiction.'));
  }
  return clean;
}
