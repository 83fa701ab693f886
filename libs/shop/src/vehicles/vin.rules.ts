/**
 * Vehicle Identification Numbers (ISO 3779). Pure functions.
 *
 * Every VIN we accept is 17 characters of [A-HJ-NPR-Z0-9] (I, O and Q are never used, to avoid
 * confusion with 1 and 0). North American VINs (49 CFR 565) also carry a check digit at position 9;
 * elsewhere position 9 is free, so the check is only enforced when asked (tenant country US/CA).
 */

export const VIN_LENGTH = 17;
const VIN_CHARACTERS = /^[A-HJ-NPR-Z0-9]+$/;

/** 49 CFR 565.15 transliteration of letters to values; digits stand for themselves. */
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

/** Weight of each position 1..17; position 9 (the check digit itself) weighs 0. */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

export const CHECK_DIGIT_POSITION = 9;

export type VinProblem = 'length' | 'characters' | 'check-digit';

export type VinValidation =
  | { valid: true; vin: string }
  | { valid: false; vin: string; problem: VinProblem; message: string };

/** Trims and upper-cases; does not validate. */
export function normalizeVin(raw: string): string {
  return raw.trim().toUpperCase();
}

function transliterate(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  const value = TRANSLITERATION[char];
  if (value === undefined) throw new RangeError(`'${char}' is not a VIN character`);
  return value;
}

/**
 * The expected check digit ('0'..'9' or 'X') of a normalized, well-formed VIN: the weighted sum of
 * the transliterated characters modulo 11, with 10 written as 'X'.
 */
export function vinCheckDigit(vin: string): string {
  if (vin.length !== VIN_LENGTH || !VIN_CHARACTERS.test(vin)) {
    throw new RangeError(`'${vin}' is not a well-formed VIN`);
  }
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) sum += transliterate(vin[i]) * WEIGHTS[i];
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Normalizes then validates; the result carries the normalized VIN either way. */
export function validateVin(raw: string, options: { enforceCheckDigit: boolean }): VinValidation {
  const vin = normalizeVin(raw);
  if (vin.length !== VIN_LENGTH) {
    return { valid: false, vin, problem: 'length', message: `a VIN has ${VIN_LENGTH} characters, got ${vin.length}` };
  }
  if (!VIN_CHARACTERS.test(vin)) {
    return {
      valid: false,
      vin,
      problem: 'characters',
      message: 'a VIN uses only digits and the letters A-Z except I, O and Q',
    };
  }
  if (options.enforceCheckDigit) {
    const expected = vinCheckDigit(vin);
    const actual = vin[CHECK_DIGIT_POSITION - 1];
    if (actual !== expected) {
      return {
        valid: false,
        vin,
        problem: 'check-digit',
        message: `VIN check digit (position ${CHECK_DIGIT_POSITION}) is ${actual}, expected ${expected}`,
      };
    }
  }
  return { valid: true, vin };
}
