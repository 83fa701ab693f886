import { KnownFragmentNamesRule, NoFragmentCyclesRule, validate, ValidationContext, ValidationRule } from 'graphql';

/**
 * Runs a custom rule only on documents whose fragment spreads are sound. All rules share one
 * traversal, so graphql-js's NoFragmentCyclesRule and KnownFragmentNamesRule cannot stop a rule
 * that follows spreads itself (graphql-depth-limit does, recursively) from overflowing the stack
 * on `...A` <-> `...B`, or from throwing on a spread of a missing fragment: a 500 instead of the
 * 400 those spec rules report.
 */
export function onSoundFragments(rule: ValidationRule): ValidationRule {
  return (context: ValidationContext) => {
    const unsound = validate(context.getSchema(), context.getDocument(), [NoFragmentCyclesRule, KnownFragmentNamesRule]);
    return unsound.length ? {} : rule(context);
  };
}
