/**
 * Where tax comes from: the shop location's jurisdiction (tenant configuration) decides which tax
 * components apply to taxable lines and at what rates.
 */
import {
  GstPlaceOfSupplyRequired,
  InvalidGstStateCode,
  InvalidTaxRate,
  UnknownTaxJurisdiction,
  UnknownVatCountry,
} from './tax.errors';
import { bpsToPpm } from './tax-rounding.rules';

/**
 * - IN_GST: the shop's GST state code; `rateBps` defaults to 18% (vehicle repair services), split
 *   into equal central and state halves within a state.
 * - EU_VAT: an EU member state (ISO 3166 alpha-2; 'EL' is accepted for Greece as VIES spells it);
 *   `rateBps` overrides the table below, and is required for a country the table lacks.
 *   `reducedRateBps`: the member state's reduced rate the shop's reduced lines take (hairdressing
 *   is 9% in the Netherlands, 6% in Belgium, 8% in Poland; Directive 2006/112/EC Art. 98 and
 *   Annex III let each state choose, so the shop configures the one that applies to it); without
 *   it a reduced line is refused.
 * - US_SALES_TAX: the location's combined state + local rate; 0 unless configured.
 * - JP_CONSUMPTION_TAX: Japan's consumption tax, `rateBps` the standard rate (default 10%: 7.8%
 *   national + 2.2% local, shown as one rate as on a qualified invoice); lines in the reduced
 *   category (food and drink sold to take away, newspapers) are taxed at 8%.
 * - NONE: the shop charges no tax (e.g. below a registration threshold).
 * Rates are basis points with at most 2 decimals: 1800 = 18%, 887.5 = 8.875%.
 */
export type TaxJurisdiction =
  | { kind: 'IN_GST'; stateCode: string; rateBps?: number }
  | { kind: 'EU_VAT'; country: string; rateBps?: number; reducedRateBps?: number }
  | { kind: 'US_SALES_TAX'; rateBps?: number }
  | { kind: 'JP_CONSUMPTION_TAX'; rateBps?: number }
  | { kind: 'NONE' };

export const TAX_KINDS = ['IN_GST', 'EU_VAT', 'US_SALES_TAX', 'JP_CONSUMPTION_TAX', 'NONE'] as const satisfies readonly TaxJurisdiction['kind'][];
export type TaxKind = (typeof TAX_KINDS)[number];

export type TaxComponentName = 'CGST' | 'SGST' | 'UTGST' | 'IGST' | 'VAT' | 'SALES_TAX' | 'CONSUMPTION_TAX';

/**
 * A line's rate category where a jurisdiction has several rates for the same tax. 'standard' is
 * every jurisdiction's one rate; JP_CONSUMPTION_TAX has a 'reduced' one (8%), and EU_VAT the one
 * the location configures (`reducedRateBps`).
 */
export const TAX_CATEGORIES = ['standard', 'reduced'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const JP_STANDARD_RATE_BPS = 1000;
/** Consumption Tax Act, supplementary provisions (2016 amendment, art. 34): 6.24% national + 1.76% local. */
export const JP_REDUCED_RATE_BPS = 800;

export const hasReducedRate = (jurisdiction: TaxJurisdiction): boolean =>
  jurisdiction.kind === 'JP_CONSUMPTION_TAX' || (jurisdiction.kind === 'EU_VAT' && jurisdiction.reducedRateBps !== undefined);

/** One tax levied on every taxable line, at `ratePpm` parts per million (1 bps = 100 ppm). */
export interface TaxComponentRate {
  name: TaxComponentName;
  ratePpm: number;
}

export const IN_GST_DEFAULT_RATE_BPS = 1800;

/**
 * EU standard VAT rates in force on 2025-08-01 (after SK 23% from 2025-01-01, EE 24% from
 * 2025-07-01, RO 21% from 2025-08-01; FI 25.5% since 2024-09-01). Rates change: update the table
 * or configure `rateBps` for the tenant; reduced rates are configured the same way.
 */
export const EU_VAT_STANDARD_RATES_BPS: Readonly<Record<string, number>> = Object.freeze({
  AT: 2000, BE: 2100, BG: 2000, CY: 1900, CZ: 2100, DE: 1900, DK: 2500, EE: 2400, ES: 2100,
  FI: 2550, FR: 2000, GR: 2400, HR: 2500, HU: 2700, IE: 2300, IT: 2200, LT: 2100, LU: 1700,
  LV: 2100, MT: 1800, NL: 2100, PL: 2300, PT: 2300, RO: 2100, SE: 2500, SI: 2200, SK: 2300,
});

/**
 * GST state codes in use (the first two digits of a GSTIN). Retired codes are left out: 25 (Daman
 * and Diu, merged into 26 in 2020) and 28 (undivided Andhra Pradesh, now 37). 97 is "Other
 * Territory".
 */
export const IN_GST_STATES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Jammu and Kashmir', '02': 'Himachal Pradesh', '03': 'Punjab', '04': 'Chandigarh',
  '05': 'Uttarakhand', '06': 'Haryana', '07': 'Delhi', '08': 'Rajasthan', '09': 'Uttar Pradesh',
  '10': 'Bihar', '11': 'Sikkim', '12': 'Arunachal Pradesh', '13': 'Nagaland', '14': 'Manipur',
  '15': 'Mizoram', '16': 'Tripura', '17': 'Meghalaya', '18': 'Assam', '19': 'West Bengal',
  '20': 'Jharkhand', '21': 'Odisha', '22': 'Chhattisgarh', '23': 'Madhya Pradesh', '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu', '27': 'Maharashtra', '29': 'Karnataka',
  '30': 'Goa', '31': 'Lakshadweep', '32': 'Kerala', '33': 'Tamil Nadu', '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands', '36': 'Telangana', '37': 'Andhra Pradesh', '38': 'Ladakh',
  '97': 'Other Territory',
});

/**
 * Union territories without a legislature levy UTGST (UTGST Act 2017) where a state levies SGST;
 * Delhi, Puducherry and Jammu and Kashmir have legislatures and levy SGST.
 */
const UTGST_TERRITORIES: ReadonlySet<string> = new Set(['04', '26', '31', '35', '38', '97']);

function ratePpm(field: string, rateBps: unknown, fallbackBps: number): number {
  const bps = rateBps ?? fallbackBps;
  if (typeof bps !== 'number' || !Number.isFinite(bps) || bps < 0 || bps > 10_000) {
    throw new InvalidTaxRate(field, bps, 'must be a number from 0 to 10000 (0% to 100%)');
  }
  const ppm = bpsToPpm(bps);
  if (ppm === undefined) throw new InvalidTaxRate(field, bps, 'must have at most 2 decimals');
  return ppm;
}

function gstState(field: 'jurisdiction.stateCode' | 'placeOfSupply', code: unknown): string {
  if (typeof code !== 'string' || !Object.hasOwn(IN_GST_STATES, code)) throw new InvalidGstStateCode(field, code);
  return code;
}

/**
 * The components charged on each taxable line. Indian GST: supply within the shop's state (place
 * of supply = the shop's state) is CGST + SGST (or UTGST), half the rate each; supply to another
 * state is IGST at the full rate (IGST Act 2017, ss. 7-8). Components are listed even at 0% so an
 * invoice always shows which tax applied.
 */
export function taxComponentsFor(jurisdiction: TaxJurisdiction, placeOfSupply?: string, category: TaxCategory = 'standard'): TaxComponentRate[] {
  switch (jurisdiction.kind) {
    case 'IN_GST': {
      const shopState = gstState('jurisdiction.stateCode', jurisdiction.stateCode);
      const rate = ratePpm('jurisdiction.rateBps', jurisdiction.rateBps, IN_GST_DEFAULT_RATE_BPS);
      if (placeOfSupply === undefined) throw new GstPlaceOfSupplyRequired();
      const supplyState = gstState('placeOfSupply', placeOfSupply);
      if (supplyState !== shopState) return [{ name: 'IGST', ratePpm: rate }];
      if (rate % 2 !== 0) throw new InvalidTaxRate('jurisdiction.rateBps', jurisdiction.rateBps, 'must split into two equal halves');
      const local = UTGST_TERRITORIES.has(shopState) ? 'UTGST' : 'SGST';
      return [{ name: 'CGST', ratePpm: rate / 2 }, { name: local, ratePpm: rate / 2 }];
    }
    case 'EU_VAT': {
      const country = jurisdiction.country === 'EL' ? 'GR' : jurisdiction.country;
      const known = typeof country === 'string' && Object.hasOwn(EU_VAT_STANDARD_RATES_BPS, country);
      if (!known && (jurisdiction.rateBps === undefined || typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))) {
        throw new UnknownVatCountry(jurisdiction.country);
      }
      const standard = ratePpm('jurisdiction.rateBps', jurisdiction.rateBps, known ? EU_VAT_STANDARD_RATES_BPS[country] : 0);
      if (category !== 'reduced') return [{ name: 'VAT', ratePpm: standard }];
      const reduced = ratePpm('jurisdiction.reducedRateBps', jurisdiction.reducedRateBps, 0);
      if (reduced > standard) throw new InvalidTaxRate('jurisdiction.reducedRateBps', jurisdiction.reducedRateBps, 'must not be above the standard rate');
      return [{ name: 'VAT', ratePpm: reduced }];
    }
    case 'US_SALES_TAX':
      return [{ name: 'SALES_TAX', ratePpm: ratePpm('jurisdiction.rateBps', jurisdiction.rateBps, 0) }];
    case 'JP_CONSUMPTION_TAX': {
      const standard = ratePpm('jurisdiction.rateBps', jurisdiction.rateBps, JP_STANDARD_RATE_BPS);
      return [{ name: 'CONSUMPTION_TAX', ratePpm: category === 'reduced' ? bpsToPpm(JP_REDUCED_RATE_BPS) as number : standard }];
    }
    case 'NONE':
      return [];
    default: {
      const unknown: never = jurisdiction;
      throw new UnknownTaxJurisdiction((unknown as { kind?: unknown } | null)?.kind);
    }
  }
}
