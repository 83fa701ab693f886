/**
 * Where a supply is taxed, from the records rather than from what someone types at the counter.
 *
 * Indian GST (IGST Act 2017, s. 12(2), the general rule for services, under which vehicle repair
 * falls): to a registered person, the place of supply is that person's location, i.e. the state of
 * their GSTIN; to anyone else, their address on record, failing that the supplier's location.
 * An explicit state on IssueInvoice still wins (a fleet registered in one state taking delivery
 * in another is for the advisor to judge) and is recorded as `override`.
 * Personal grooming, beauty treatment, fitness, health services and restaurant service (a salon's
 * day) are the exception, s. 12(4): supplied where they are performed, i.e. at the location, even
 * to a business registered in another state (`location-of-performance`). An invoice is taken as
 * such when every line carrying a SAC code names one of those services (and one does); parts
 * sold over the counter are supplied at the location anyway.
 *
 * EU VAT (Directive 2006/112/EC): a service to a taxable person is supplied where that person is
 * established (Art. 44) and the customer accounts for the VAT (Art. 196): the invoice charges 0 and
 * says "Reverse charge", with both VAT ids (Art. 226(4), (11a)). That applies when the customer's VAT
 * id is of another member state than the shop's; domestic B2B and all B2C are charged as before.
 */
import type { BillingAddress } from '../customers/customer-billing.rules';
import type { TaxId } from './tax-id.rules';
import { IN_GST_STATES, TaxJurisdiction } from './tax-jurisdiction.rules';
import { InvalidInvoiceField } from './invoice.errors';

export const PLACE_OF_SUPPLY_SOURCES = ['derived-from-gstin', 'derived-from-address', 'location-of-supplier', 'location-of-performance', 'override'] as const;
export type PlaceOfSupplySource = (typeof PLACE_OF_SUPPLY_SOURCES)[number];

export const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)';

/** Which record the invoice's recipient details came from: the customer's own, or their household's. */
export const RECIPIENT_SOURCES = ['customer', 'household'] as const;
export type RecipientSource = (typeof RECIPIENT_SOURCES)[number];

/** What the invoice knows of its customer: their billing details as on their stream at issue. */
export interface Recipient {
  taxId: TaxId | null;
  billingAddress: BillingAddress | null;
  /** Absent: the customer's own (the shape before households had billing details). */
  source?: RecipientSource;
  /** `source: 'household'`: the household whose details these are. */
  householdId?: string | null;
}

/**
 * Who the invoice goes to: the customer's own billing details if they have any (a tax id or an
 * address), else those of the household they are in at issue (a fleet registered as one business,
 * a family billed at one address), else the customer with nothing on record. A member with an
 * address of their own keeps it even when the household has a GSTIN: what the customer set is theirs.
 */
export function recipientOf(
  customer: { taxId: TaxId | null; billingAddress: BillingAddress | null },
  household: { householdId: string; taxId: TaxId | null; billingAddress: BillingAddress | null } | null,
): Recipient {
  const own = customer.taxId !== null || customer.billingAddress !== null;
  if (own || household === null || (household.taxId === null && household.billingAddress === null)) {
    return { taxId: customer.taxId, billingAddress: customer.billingAddress, source: 'customer', householdId: null };
  }
  return { taxId: household.taxId, billingAddress: household.billingAddress, source: 'household', householdId: household.householdId };
}

export interface SupplyTerms {
  /** Indian GST: the GST state code; null elsewhere. */
  placeOfSupply: string | null;
  placeOfSupplySource: PlaceOfSupplySource | null;
  reverseCharge: boolean;
  /** What the tax engine charges: the location's jurisdiction, at 0 under the reverse charge. */
  chargedJurisdiction: TaxJurisdiction;
  taxNote: string | null;
}

const vatCountry = (country: string) => (country === 'EL' ? 'GR' : country);

/**
 * SAC codes of the services IGST Act s. 12(4) places where they are performed: 99972x hairdressing,
 * cosmetic treatment, manicure and pedicure, physical well-being (fitness, spa) and other beauty
 * treatment; 9993xx human health services; 99633x food and beverage serving.
 */
const PERFORMED_WHERE_SUPPLIED = /^(99972\d|9993\d\d|99633\d)$/;

/** True when every SAC code on the lines (labour: `99` and six digits) is a s. 12(4) service, and there is one. */
export function performedAtLocation(codes: readonly (string | undefined)[]): boolean {
  const sac = codes.filter((c): c is string => c !== undefined && /^99\d{4}$/.test(c));
  return sac.length > 0 && sac.every((c) => PERFORMED_WHERE_SUPPLIED.test(c));
}

function gstPlaceOfSupply(shopState: string, override: string | null, recipient: Recipient, performedHere: boolean): { state: string; source: PlaceOfSupplySource } {
  if (override !== null) {
    if (!Object.hasOwn(IN_GST_STATES, override)) throw new InvalidInvoiceField('placeOfSupplyStateCode', `'${override}' is not an Indian GST state code`);
    return { state: override, source: 'override' };
  }
  if (performedHere) return { state: shopState, source: 'location-of-performance' };
  if (recipient.taxId?.scheme === 'IN_GSTIN') return { state: recipient.taxId.stateCode, source: 'derived-from-gstin' };
  const address = recipient.billingAddress;
  if (address?.country === 'IN' && address.regionCode !== null) return { state: address.regionCode, source: 'derived-from-address' };
  return { state: shopState, source: 'location-of-supplier' };
}

/** `lineCodes`: each invoice line's HSN/SAC code (undefined: none given). */
export function supplyTerms(
  jurisdiction: TaxJurisdiction, override: string | null, recipient: Recipient, sellerTaxId: TaxId | null, lineCodes: readonly (string | undefined)[] = [],
): SupplyTerms {
  if (jurisdiction.kind === 'IN_GST') {
    const { state, source } = gstPlaceOfSupply(jurisdiction.stateCode, override, recipient, performedAtLocation(lineCodes));
    return { placeOfSupply: state, placeOfSupplySource: source, reverseCharge: false, chargedJurisdiction: jurisdiction, taxNote: null };
  }
  if (override !== null) {
    throw new InvalidInvoiceField('placeOfSupplyStateCode', `only Indian GST has a place of supply; this location charges ${jurisdiction.kind}`);
  }
  const plain: SupplyTerms = { placeOfSupply: null, placeOfSupplySource: null, reverseCharge: false, chargedJurisdiction: jurisdiction, taxNote: null };
  if (jurisdiction.kind !== 'EU_VAT') return plain;
  const buyer = recipient.taxId;
  if (buyer?.scheme !== 'EU_VAT' || buyer.country === vatCountry(jurisdiction.country)) return plain;
  if (sellerTaxId?.scheme !== 'EU_VAT') {
    throw new InvalidInvoiceField('locationId', 'the location has no VAT id; a reverse-charge invoice must carry both VAT ids (PUT /locations/{id}/tax-id)');
  }
  return {
    placeOfSupply: null, placeOfSupplySource: null, reverseCharge: true,
    chargedJurisdiction: { kind: 'EU_VAT', country: jurisdiction.country, rateBps: 0, ...(jurisdiction.reducedRateBps !== undefined ? { reducedRateBps: 0 } : {}) },
    taxNote: REVERSE_CHARGE_NOTE,
  };
}
