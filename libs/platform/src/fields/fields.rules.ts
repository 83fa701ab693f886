/**
 * `@workbay/platform/fields`: the pure rules for fields many contexts share. A domain file itself
 * (`*.rules.ts`), so the boundary rules check it, and the only platform file a decider may import.
 */
export * from './currency.rules';
