import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FitsLineTotal, IsAmountMinor, IsQuantity } from '../validation/is-quantity.decorator';
import {
  amountMinorProblem, hundredthsOf, LINE_QUANTITY, lineTotalProblem, MAX_AMOUNT_MINOR, PAYMENT_MINOR, PRICE_MINOR, quantityProblem,
} from '@workbay/platform/fields';

class Line {
  @IsQuantity(LINE_QUANTITY) quantity!: unknown;
  @IsAmountMinor(PRICE_MINOR) @FitsLineTotal('quantity') unitPriceMinor!: unknown;
}
const problems = (body: object) =>
  validateSync(plainToInstance(Line, body)).map((e) => [e.property, Object.values(e.constraints ?? {})]);

describe('the quantity field rule', () => {
  it.each([1, 1.5, 0.01, 0.3, 1.15, 99999.99, 100000])('takes %p', (q) => {
    expect(quantityProblem(q, LINE_QUANTITY)).toBeUndefined();
  });

  it.each([
    [0, 'must be more than 0'],
    [-1, 'must be more than 0'],
    [1e-7, 'must have at most 2 decimals'],
    [0.1 + 0.2, 'must have at most 2 decimals'],
    [1.000000001, 'must have at most 2 decimals'],
    [1.001, 'must have at most 2 decimals'],
    [100000.01, 'must be at most 100000'],
    [Number.NaN, 'must be a number'],
    [Infinity, 'must be a number'],
    ['1', 'must be a number'],
  ])('refuses %p: %s', (q, problem) => {
    expect(quantityProblem(q, LINE_QUANTITY)).toBe(problem);
  });

  it('counts a quantity in whole hundredths', () => {
    expect([hundredthsOf(1.15), hundredthsOf(0.29), hundredthsOf(100000)]).toEqual([115, 29, 10_000_000]);
  });
});

describe('the amount rules', () => {
  it('takes whole minor units within the bounds', () => {
    expect(amountMinorProblem(0, PRICE_MINOR)).toBeUndefined();
    expect(amountMinorProblem(MAX_AMOUNT_MINOR, PRICE_MINOR)).toBeUndefined();
    expect(amountMinorProblem(0, PAYMENT_MINOR)).toBe('must be at least 1');
    expect(amountMinorProblem(MAX_AMOUNT_MINOR + 1, PRICE_MINOR)).toBe(`must be at most ${MAX_AMOUNT_MINOR}`);
    expect(amountMinorProblem(1.5, PRICE_MINOR)).toBe('must be a whole number of minor units');
  });

  it('refuses a line whose quantity x price cannot be totalled exactly', () => {
    expect(lineTotalProblem(100000, 90_000_000)).toBeUndefined();
    expect(lineTotalProblem(100000, MAX_AMOUNT_MINOR)).toBe('quantity x unit price is too large');
  });

  it('is the rule of the DTO decorators too: each field named with the same problem', () => {
    expect(problems({ quantity: 1.5, unitPriceMinor: 250000 })).toEqual([]);
    expect(problems({ quantity: 1e-7, unitPriceMinor: 1 })).toEqual([['quantity', ['quantity must have at most 2 decimals']]]);
    expect(problems({ quantity: 100000, unitPriceMinor: MAX_AMOUNT_MINOR })).toEqual([['unitPriceMinor', ['unitPriceMinor: quantity x unit price is too large']]]);
    expect(problems({ quantity: 1, unitPriceMinor: -1 })).toEqual([['unitPriceMinor', ['unitPriceMinor must be at least 0']]]);
  });
});
