import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, ValidateBy, ValidationOptions } from 'class-validator';
import { readOptionalText, readRequiredText, TextRule } from '../fields/fields.rules';

/**
 * A DTO's free-text field, checked by the same rule the deciders apply (@workbay/platform/fields):
 * a body the edge accepts is never refused later for its text, and what a decider would refuse is
 * a 400 naming the field. The OpenAPI schema gets the rule's bounds (maxLength counts the trimmed
 * text; `\S` says a required text cannot be blank).
 */
export function IsRequiredText(rule: TextRule, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isRequiredText',
      validator: {
        validate: (value: unknown) => readRequiredText(value, rule).ok,
        defaultMessage: (args) => `${args?.property} ${problemOf(readRequiredText(args?.value, rule))}`,
      },
    }, options),
    ApiProperty({ type: String, minLength: 1, maxLength: rule.max, pattern: '\\S' }),
  );
}

/** Optional free text: missing, null or blank means none; otherwise as IsRequiredText. */
export function IsOptionalText(rule: TextRule, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    ValidateBy({
      name: 'isOptionalText',
      validator: {
        validate: (value: unknown) => readOptionalText(value, rule).ok,
        defaultMessage: (args) => `${args?.property} ${problemOf(readOptionalText(args?.value, rule))}`,
      },
    }, options),
    ApiProperty({ type: String, maxLength: rule.max, required: false }),
  );
}

const problemOf = (read: { ok: true } | { ok: false; problem: string }) => (read.ok ? 'is invalid' : read.problem);
