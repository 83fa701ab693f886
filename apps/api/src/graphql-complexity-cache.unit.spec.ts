import { parse } from 'graphql';
import { ComplexityCache, variablesReachCost } from './graphql-complexity-cache';

describe('the GraphQL cost cache', () => {
  it('tells operations whose cost a variable can change', () => {
    expect(variablesReachCost(parse('mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }'))).toBe(false);
    expect(variablesReachCost(parse('query { quotes(first: 10) { items { id } } }'))).toBe(false);
    expect(variablesReachCost(parse('query Q($n: Int = 5) { quotes(first: $n) { items { id } } }'))).toBe(true);
    expect(variablesReachCost(parse('query Q($x: Boolean!) { quotes { items @include(if: $x) { id } } }'))).toBe(true);
    expect(variablesReachCost(parse('query Q($x: Boolean!) { ...F } fragment F on Query { quotes { items @skip(if: $x) { id } } }'))).toBe(true);
    expect(variablesReachCost(parse('query Q($n: Int!) { ...F } fragment F on Query { quotes(first: $n) { items { id } } }'))).toBe(true);
  });

  it('estimates a fixed-cost operation once per document and operation name, and a variable one every time', () => {
    const cache = new ComplexityCache();
    let estimates = 0;
    const estimate = (cost: number) => () => (estimates++, cost);
    const fixed = parse('query A { a } query B { b }');
    expect(cache.costOf(fixed, 'A', estimate(3))).toBe(3);
    expect(cache.costOf(fixed, 'A', estimate(99))).toBe(3);
    expect(cache.costOf(fixed, 'B', estimate(7))).toBe(7);
    expect(estimates).toBe(2);
    const varying = parse('query Q($n: Int!) { quotes(first: $n) { id } }');
    expect(cache.costOf(varying, 'Q', estimate(10))).toBe(10);
    expect(cache.costOf(varying, 'Q', estimate(500))).toBe(500);
    expect(estimates).toBe(4);
  });
});
