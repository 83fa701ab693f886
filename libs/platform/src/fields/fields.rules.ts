/**
 * `@workbay/platform/fields`: the pure rules for fields many contexts share. A domain file itself
 * (`*.rules.ts`), so the boundary rules check it, and the only platform file a decider may import.
 * The DTO decorators in ../validation are built from these same functions.
 */
export * from './amount.rules';
export * from './country.rules';
export * from './currency.rules';
export * from './quantity.rules';
export * from './text.rules';
