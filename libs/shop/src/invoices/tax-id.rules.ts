/**
 * Tax ids of businesses: the Indian GSTIN and the EU VAT id. Checked offline (no GSTN or VIES
 * call): a GSTIN by its structure and its mod-36 check character, a VAT id by its member state's
 * format as VIES publishes it. What this cannot know is whether the id is registered today.
 */
import { DomainError } from '@workbay/eventstore/core';
import { IN_GST_STATES } from './tax-jurisdiction.rules';

export type TaxId =
  | { scheme: 'IN_GSTIN'; value: string; /** the GSTIN's first two digits: the registered state */ stateCode: string }
  | { scheme: 'EU_VAT'; value: string; /** ISO 3166-1 alpha-2 of the member state (Greece 'GR' for VIES prefix 'EL') */ country: string };

export const TAX_ID_SCHEMES = ['IN_GSTIN', 'EU_VAT'] as const;

export class InvalidTaxId extends DomainError {
  readonly code = 'TAX_ID_INVALID';
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The GSTIN check character (GSTN's published scheme): over the first 14 characters, each value
 * (0-9, A-Z = 10-35) times 1, 2, 1, 2, ... from the left; each product adds its quotient and
 * remainder by 36; the check is (36 - sum mod 36) mod 36.
 */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARS.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36];
}

/** State code (2 digits), PAN (5 letters, 4 digits, a letter), entity number, 'Z', check character. */
const GSTIN_SHAPE = /^(\d{2})([A-Z]{5}\d{4}[A-Z])([1-9A-Z])Z([0-9A-Z])$/;

export function validGstin(field: string, raw: string): TaxId {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  const match = GSTIN_SHAPE.exec(value);
  if (!match) {
    throw new InvalidTaxId(field, `'${raw}' is not a GSTIN: 15 characters, state code, PAN (AAAAA9999A), entity number, Z, check character`);
  }
  const stateCode = match[1];
  if (!Object.hasOwn(IN_GST_STATES, stateCode)) throw new InvalidTaxId(field, `GSTIN state code '${stateCode}' is not an Indian GST state code`);
  const expected = gstinCheckCharacter(value);
  if (match[4] !== expected) throw new InvalidTaxId(field, `GSTIN check digit does not match (expected '${expected}' for ${value.slice(0, 14)})`);
  return { scheme: 'IN_GSTIN', value, stateCode };
}

/** VIES number formats after the prefix (ec.europa.eu/taxation_customs/vies, "VAT number format"). */
export const EU_VAT_FORMATS: Readonly<Record<string, RegExp>> = Object.freeze({
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/, DE: /^\d{9}$/,
  DK: /^\d{8}$/, EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, HR: /^\d{11}$/, HU: /^\d{8}$/, IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/, LV: /^\d{11}$/, MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^[1-9]\d{1,9}$/, SE: /^\d{10}01$/, SI: /^\d{8}$/, SK: /^\d{10}$/,
});

export function validEuVatId(field: string, raw: string): TaxId {
  const value = raw.replace(/[\s.-]+/g, '').toUpperCase();
  const prefix = value.slice(0, 2);
  if (prefix === 'GR') throw new InvalidTaxId(field, "Greek VAT ids begin with 'EL', as VIES spells them");
  const format = EU_VAT_FORMATS[prefix];
  if (!Object.hasOwn(EU_VAT_FORMATS, prefix) || !format) throw new InvalidTaxId(field, `'${prefix}' is not an EU member state's VAT prefix`);
  if (!format.test(value.slice(2))) throw new InvalidTaxId(field, `'${raw}' does not have the format of a ${prefix} VAT id (${format.source.slice(1, -1)} after '${prefix}')`);
  return { scheme: 'EU_VAT', value, country: prefix === 'EL' ? 'GR' : prefix };
}

/** A GSTIN starts with its two-digit state code, a VAT id with its member state's two letters. */
export function validTaxId(field: string, raw: unknown): TaxId {
  if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidTaxId(field, 'must be a GSTIN or an EU VAT id');
  if (raw.length > 40) throw new InvalidTaxId(field, 'must be at most 40 characters');
  const trimmed = raw.trim();
  if (/^\d{2}/.test(trimmed)) return validGstin(field, trimmed);
  if (/^[A-Za-z]{2}/.test(trimmed)) return validEuVatId(field, trimmed);
  throw new InvalidTaxId(field, `'${raw}' is neither a GSTIN (starts with a state code) nor an EU VAT id (starts with a country prefix)`);
}
