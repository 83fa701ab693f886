import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { COUNTRY_CODE_MESSAGE, COUNTRY_CODE_PATTERN, isCountryCode } from '../fields/fields.rules';

/**
 * A DTO's country field: the same rule as the deciders (an assigned ISO 3166-1 alpha-2 code in
 * capitals), not class-validator's isISO31661Alpha2, which also takes lower case.
 */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => isCountryCode(value),
        defaultMessage: (args) => `${args?.property ?? 'country'} ${COUNTRY_CODE_MESSAGE}`,
      },
    }, options),
    ApiProperty({ type: String, pattern: COUNTRY_CODE_PATTERN, minLength: 2, maxLength: 2 }),
  );
}
