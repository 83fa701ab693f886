/**
 * Integer tax arithmetic. Rates travel as basis points with at most 2 decimals (887.5 bps =
 * 8.875%) and are turned into integer parts per million, so base x rate is an exact BigInt
 * product: no float ever touches an amount.
 *
 * Rounding is half-up on the minor unit (commercial rounding: 0.5 paise -> 1 paisa). Amounts are
 * never negative here, so half-up and half-away-from-zero agree.
 */

const PPM = 1_000_000n;
export const PPM_PER_BPS = 100;

/** 1800 -> 180_000; 887.5 -> 88_750; undefined when the rate has more than 2 decimals. */
export function bpsToPpm(rateBps: number): number | undefined {
  const ppm = Math.round(rateBps * PPM_PER_BPS);
  return Math.abs(rateBps * PPM_PER_BPS - ppm) < 1e-6 ? ppm : undefined;
}

export function ppmToBps(ratePpm: number): number {
  return ratePpm / PPM_PER_BPS;
}

/** round_half_up(baseMinor x ratePpm / 10^6) for baseMinor >= 0: floor((2·b·r + 10^6) / (2·10^6)). */
export function roundHalfUpTax(baseMinor: number, ratePpm: number): number {
  const product = BigInt(baseMinor) * BigInt(ratePpm);
  return Number((2n * product + PPM) / (2n * PPM));
}

/**
 * Shares an already rounded component total out over the lines' bases so the line amounts add up
 * to it exactly (largest remainder): each line first gets floor(base x rate), then the minor units
 * still missing go one each to the lines with the largest dropped fraction, earlier lines first on
 * a tie. Every line therefore gets the floor or the ceiling of its exact share.
 */
export function allocateTax(basesMinor: readonly number[], ratePpm: number, totalMinor: number): number[] {
  const rate = BigInt(ratePpm);
  const shares = basesMinor.map((base, index) => {
    const product = BigInt(base) * rate;
    return { index, floor: Number(product / PPM), remainder: product % PPM };
  });
  let missing = totalMinor - shares.reduce((sum, s) => sum + s.floor, 0);
  const byRemainder = shares
    .filter((s) => s.remainder > 0n)
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // The rounded total lies between the sum of floors and that sum plus one per inexact line.
  if (missing < 0 || missing > byRemainder.length) {
    throw new Error(`cannot allocate ${totalMinor} over bases whose floors sum to ${totalMinor - missing}`);
  }
  const amounts = shares.map((s) => s.floor);
  for (const share of byRemainder) {
    if (missing === 0) break;
    amounts[share.index] += 1;
    missing -= 1;
  }
  return amounts;
}
