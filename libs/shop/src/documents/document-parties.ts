import { IN_GST_STATES } from '../invoices/tax-jurisdiction.rules';
import type { DocumentParty } from './tax-document';

/** A postal address as the location and customer records keep it. */
export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A business tax id as validated: an Indian GSTIN or an EU VAT id. */
export interface PrintedTaxId {
  scheme: string;
  value: string;
}

/** A billing address as the customer record keeps it: India's region is its GST state code. */
export interface BillingAddressRecord {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  regionCode?: string | null;
  country: string;
}

/** Who supplies and who receives, as they are on record when the document is printed. */
export interface DocumentParties {
  /** The tenant: the business that supplies and is registered for tax. */
  sellerName: string;
  location: { name: string; address: PostalAddress; timezone: string; taxId?: PrintedTaxId | null };
  customer: {
    name: string; phone?: string | null; email?: string | null; address?: PostalAddress | null; taxId?: PrintedTaxId | null;
    /** Billed to their household: the member the work was for, printed under the household's name. */
    member?: string | null;
  } | null;
  /** The household an invoice was billed to (its `recipientHouseholdId`), as on record now; null otherwise. */
  household?: { name: string } | null;
  vehicle: { year: number; make: string; model: string; vin: string } | null;
}

export function addressLines(a: PostalAddress): string[] {
  return [a.line1, a.line2 ?? '', `${a.city} ${a.postalCode}`.trim(), a.region, a.country].filter((l) => l.trim() !== '');
}

/** "Karnataka (29)": GST rule 46 asks for the state's name and code. */
export function gstState(code: string): string {
  return `${IN_GST_STATES[code] ?? 'Unknown state'} (${code})`;
}

/** "GSTIN 29ABCDE1234F1ZW", "VAT ID DE123456789". */
export const taxIdText = (id: PrintedTaxId) => `${id.scheme === 'IN_GSTIN' ? 'GSTIN' : id.scheme === 'EU_VAT' ? 'VAT ID' : 'Tax ID'} ${id.value}`;

/** A billing address in print; an Indian state code reads as "Karnataka (29)". */
export function fromBillingAddress(a: BillingAddressRecord): PostalAddress {
  const region = a.regionCode ? (a.country === 'IN' ? gstState(a.regionCode) : a.regionCode) : '';
  return { line1: a.line1, line2: a.line2 ?? null, city: a.city, postalCode: a.postalCode ?? '', region, country: a.country };
}

export function seller(parties: DocumentParties): DocumentParty {
  const { location } = parties;
  return { name: parties.sellerName, branch: location.name, address: addressLines(location.address), taxId: location.taxId ? taxIdText(location.taxId) : null, extra: [] };
}

export function buyer(parties: DocumentParties): DocumentParty {
  const { customer, vehicle } = parties;
  const extra = [customer?.member ? `Member: ${customer.member}` : null, customer?.phone, customer?.email, vehicle ? `Vehicle: ${vehicle.year} ${vehicle.make} ${vehicle.model}, VIN ${vehicle.vin}` : null]
    .filter((x): x is string => !!x);
  return {
    name: customer?.name ?? 'Customer', address: customer?.address ? addressLines(customer.address) : [],
    taxId: customer?.taxId ? taxIdText(customer.taxId) : null, extra,
  };
}
