import { ValidateBy, ValidationOptions } from 'class-validator';
import { CURRENCY_CODE_MESSAGE, isCurrencyCode } from '../fields/fields.rules';

/**
 * A DTO's currency field: the same rule the deciders apply (@workbay/platform/fields), so a body
 * the edge accepts is never refused later for its currency. The OpenAPI `pattern` stays on the
 * field's @ApiProperty: it documents the shape; this also requires the code to exist.
 */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: (args) => `${args?.property ?? 'currency'} ${CURRENCY_CODE_MESSAGE}`,
      },
    },
    options,
  );
}
