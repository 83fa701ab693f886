/**
 * Errors of the tax computation. All are business-rule errors (422) naming the offending input
 * field by its path, e.g. 'lines[2].amount.amountMinor' or 'jurisdiction.country'.
 */
import { DomainError } from '@workbay/eventstore/core';

/** A line breaks a rule (blank id, negative or fractional amount, ...); `field` names it. */
export class InvalidTaxLine extends DomainError {
  readonly code = 'TAX_LINE_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class DuplicateTaxLineId extends DomainError {
  readonly code = 'TAX_LINE_ID_DUPLICATE';
  constructor(readonly field: string, lineId: string) {
    super(`${field}: line id '${lineId}' is used by another line`);
  }
}

export class InvalidTaxCurrency extends DomainError {
  readonly code = 'TAX_CURRENCY_INVALID';
  readonly field = 'currency';
  constructor(currency: unknown) {
    super(`'${String(currency)}' is not an ISO 4217 currency code`);
  }
}

/** A line is priced in another currency than the invoice; tax never converts currencies. */
export class TaxCurrencyMismatch extends DomainError {
  readonly code = 'TAX_CURRENCY_MISMATCH';
  constructor(readonly field: string, expected: string, actual: unknown) {
    super(`${field}: line is in '${String(actual)}' but the invoice is in '${expected}'`);
  }
}

export class InvalidTaxRate extends DomainError {
  readonly code = 'TAX_RATE_INVALID';
  constructor(readonly field: string, rateBps: unknown, reason: string) {
    super(`${field}: ${String(rateBps)} basis points ${reason}`);
  }
}

/** No standard VAT rate is known for the country and the tenant configured no rate for it. */
export class UnknownVatCountry extends DomainError {
  readonly code = 'TAX_VAT_COUNTRY_UNKNOWN';
  readonly field = 'jurisdiction.country';
  constructor(country: unknown) {
    super(`'${String(country)}' is not an EU member state with a known VAT rate; configure a rate for it`);
  }
}

/** Not a GST state code in use (two digits, e.g. '29' Karnataka, '07' Delhi). */
export class InvalidGstStateCode extends DomainError {
  readonly code = 'TAX_GST_STATE_INVALID';
  constructor(readonly field: 'jurisdiction.stateCode' | 'placeOfSupply', stateCode: unknown) {
    super(`${field}: '${String(stateCode)}' is not an Indian GST state code`);
  }
}

/** Indian GST needs the place of supply to choose CGST + SGST (same state) or IGST. */
export class GstPlaceOfSupplyRequired extends DomainError {
  readonly code = 'TAX_PLACE_OF_SUPPLY_REQUIRED';
  readonly field = 'placeOfSupply';
  constructor() {
    super('placeOfSupply: Indian GST needs the state code of the place of supply');
  }
}

/** The tenant configuration names a jurisdiction kind this module does not know. */
export class UnknownTaxJurisdiction extends DomainError {
  readonly code = 'TAX_JURISDICTION_UNKNOWN';
  readonly field = 'jurisdiction.kind';
  constructor(kind: unknown) {
    super(`'${String(kind)}' is not a tax jurisdiction kind (IN_GST, EU_VAT, US_SALES_TAX, NONE)`);
  }
}
