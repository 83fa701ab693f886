/**
 * The one rule for a country field (issue #9 item 10): an officially assigned ISO 3166-1 alpha-2
 * code in capitals. Signup checked only the shape (`/^[A-Z]{2}$/`), so a tenant could be
 * registered in 'ZZ' while a location there was refused.
 *
 * An explicit table (249 codes, the same set validator.js's isISO31661Alpha2 holds): Intl.DisplayNames
 * also names EU, UN, XK, QO and ZZ, so it cannot decide this; and isISO31661Alpha2 itself
 * upper-cases its input, so it takes 'in', which no stored country should be.
 */
const ISO_COUNTRIES: ReadonlySet<string> = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
    'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG ' +
    'GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR ' +
    'KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF ' +
    'NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
    'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW').split(' '),
);

/** The shape, as published in the OpenAPI document; the rule itself is stricter (an assigned code). */
export const COUNTRY_CODE_PATTERN = '^[A-Z]{2}$';
export const COUNTRY_CODE_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code in capitals, such as IN or US';

/** Exactly an assigned code in capitals: 'IN' yes; 'in', ' IN', 'ZZ', 'EU', 'UK' no. */
export function isCountryCode(country: unknown): country is string {
  return typeof country === 'string' && ISO_COUNTRIES.has(country);
}

/** The code a command's raw value stands for (trimmed, as the location decider has always read it), or undefined. */
export function countryCodeOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const code = raw.trim();
  return isCountryCode(code) ? code : undefined;
}

/** Every assigned code, in order: for an OpenAPI enum and for tests. */
export const COUNTRY_CODES: readonly string[] = [...ISO_COUNTRIES];
