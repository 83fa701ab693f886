import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { amountMinorProblem, AmountRule, lineTotalProblem, quantityProblem, QuantityRule } from '../fields/fields.rules';

/** A DTO's quantity (hours, units), by the deciders' own rule; the schema states its bounds. */
export function IsQuantity(rule: QuantityRule, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isQuantity',
      validator: {
        validate: (value: unknown) => quantityProblem(value, rule) === undefined,
        defaultMessage: (args) => `${args?.property} ${quantityProblem(args?.value, rule) ?? 'is invalid'}`,
      },
    }, options),
    ApiProperty({ type: Number, minimum: 0, exclusiveMinimum: true, maximum: rule.max, multipleOf: 0.01 }),
  );
}

/** A DTO's amount in minor units, by the deciders' own rule; the schema states its bounds. */
export function IsAmountMinor(rule: AmountRule, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isAmountMinor',
      validator: {
        validate: (value: unknown) => amountMinorProblem(value, rule) === undefined,
        defaultMessage: (args) => `${args?.property} ${amountMinorProblem(args?.value, rule) ?? 'is invalid'}`,
      },
    }, options),
    ApiProperty({ type: 'integer', minimum: rule.min, maximum: rule.max }),
  );
}

/**
 * A unit price whose line (`quantityField` x this price) the deciders can total exactly; checked
 * only once both are valid on their own, which their own decorators report otherwise.
 */
export function FitsLineTotal(quantityField: string, options?: ValidationOptions): PropertyDecorator {
  const problem = (price: unknown, line: object) => {
    const quantity = (line as Record<string, unknown>)[quantityField];
    if (typeof quantity !== 'number' || typeof price !== 'number' || !Number.isSafeInteger(price)) return undefined;
    return lineTotalProblem(quantity, price);
  };
  return ValidateBy({
    name: 'fitsLineTotal',
    validator: {
      validate: (value: unknown, args) => problem(value, args?.object ?? {}) === undefined,
      defaultMessage: (args) => `${args?.property}: ${problem(args?.value, args?.object ?? {}) ?? 'is invalid'}`,
    },
  }, options);
}
