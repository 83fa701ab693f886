/**
 * A customer's billing details: the address invoices go to and, for a business, its tax id. The
 * invoice derives the place of supply from them (invoices/place-of-supply.rules.ts), so an Indian
 * address names its GST state by code, not by a name someone may spell two ways.
 */
import { DomainError } from '@workbay/eventstore/core';
import { countryCodeOf, readOptionalText, readRequiredText, TextRule } from '@workbay/platform/fields';
import { IN_GST_STATES } from '../invoices/tax-jurisdiction.rules';
import { TaxId, validTaxId } from '../invoices/tax-id.rules';

/** Postal address for invoices; `regionCode` is the GST state code ('29') in India, else the state/region code if any ('NY'). */
export interface BillingAddress {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string | null;
  regionCode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface CustomerBilling {
  billingAddress: BillingAddress | null;
  taxId: TaxId | null;
}

export const BILLING_TEXT = {
  line1: { max: 200 },
  line2: { max: 200 },
  city: { max: 100 },
  postalCode: { max: 20 },
} as const satisfies Record<string, TextRule>;

/** Subdivision codes are short: ISO 3166-2's part after the dash is 1-3 characters, GST's 2 digits. */
const REGION_CODE_SHAPE = /^[A-Z0-9]{1,3}$/;

export class InvalidBillingField extends DomainError {
  readonly code = 'BILLING_FIELD_INVALID';
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

function required(field: string, raw: unknown, rule: TextRule): string {
  const read = readRequiredText(raw, rule);
  if (!read.ok) throw new InvalidBillingField(field, read.problem);
  return read.text;
}

function optional(field: string, raw: unknown, rule: TextRule): string | null {
  const read = readOptionalText(raw, rule);
  if (!read.ok) throw new InvalidBillingField(field, read.problem);
  return read.text;
}

export function validBillingAddress(raw: Partial<BillingAddress>, at = 'billingAddress'): BillingAddress {
  if (typeof raw !== 'object' || raw === null) throw new InvalidBillingField(at, 'must be an address or null');
  const country = countryCodeOf(raw.country);
  if (country === undefined) throw new InvalidBillingField(`${at}.country`, `'${String(raw.country)}' is not an ISO 3166-1 alpha-2 country code (e.g. 'IN', 'DE')`);
  const region = optional(`${at}.regionCode`, raw.regionCode, { max: 3 })?.toUpperCase() ?? null;
  if (country === 'IN') {
    if (region === null || !Object.hasOwn(IN_GST_STATES, region)) {
      throw new InvalidBillingField(`${at}.regionCode`, `an Indian address names its GST state code (e.g. '29' for Karnataka), not '${region ?? ''}'`);
    }
  } else if (region !== null && !REGION_CODE_SHAPE.test(region)) {
    throw new InvalidBillingField(`${at}.regionCode`, `'${region}' is not a region code (1-3 letters or digits, e.g. 'NY')`);
  }
  return {
    line1: required(`${at}.line1`, raw.line1, BILLING_TEXT.line1),
    line2: optional(`${at}.line2`, raw.line2, BILLING_TEXT.line2),
    city: required(`${at}.city`, raw.city, BILLING_TEXT.city),
    postalCode: optional(`${at}.postalCode`, raw.postalCode, BILLING_TEXT.postalCode),
    regionCode: region,
    country,
  };
}

/**
 * A GSTIN is registered in India and a VAT id in its member state; a billing address elsewhere
 * is a typing slip (the wrong customer's id, or the wrong address), refused rather than invoiced.
 */
export function validCustomerBilling(billingAddress: Partial<BillingAddress> | null | undefined, taxId: string | null | undefined): CustomerBilling {
  const address = billingAddress === null || billingAddress === undefined ? null : validBillingAddress(billingAddress);
  const id = taxId === null || taxId === undefined || taxId.trim() === '' ? null : validTaxId('taxId', taxId);
  if (id !== null && address !== null) {
    const idCountry = id.scheme === 'IN_GSTIN' ? 'IN' : id.country;
    if (address.country !== idCountry) {
      throw new InvalidBillingField('taxId', `a ${id.scheme === 'IN_GSTIN' ? 'GSTIN' : `${idCountry} VAT id`} belongs to ${idCountry}, but the billing address is in ${address.country}`);
    }
  }
  return { billingAddress: address, taxId: id };
}
