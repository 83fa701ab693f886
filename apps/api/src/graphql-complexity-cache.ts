import { DocumentNode, visit } from 'graphql';

/**
 * Remembers an operation's cost per parsed document: Apollo keeps the parsed document of a query
 * text it has seen (its document store), so the same text arrives as the same DocumentNode, and
 * the estimate (a full walk of the operation against the schema, ~5% of a GraphQL command,
 * issue #10) is made once. Only costs no variable can change are kept: a variable in a `first:`
 * argument (lists cost `first` times their children) or in a directive (`@include(if: $x)`,
 * `@skip`) makes the cost depend on the request, and those operations are estimated every time.
 * The schema's own `complexity` extensions are numbers, never functions of the arguments.
 */
export class ComplexityCache {
  private readonly costs = new WeakMap<DocumentNode, Map<string, number>>();
  private readonly variableFree = new WeakMap<DocumentNode, boolean>();

  costOf(document: DocumentNode, operationName: string | null | undefined, estimate: () => number): number {
    const key = operationName ?? '';
    const known = this.costs.get(document)?.get(key);
    if (known !== undefined) return known;
    const cost = estimate();
    if (this.costCannotVary(document)) {
      let byName = this.costs.get(document);
      if (!byName) this.costs.set(document, (byName = new Map()));
      byName.set(key, cost);
    }
    return cost;
  }

  private costCannotVary(document: DocumentNode): boolean {
    let answer = this.variableFree.get(document);
    if (answer === undefined) this.variableFree.set(document, (answer = !variablesReachCost(document)));
    return answer;
  }
}

/** Whether a variable appears in a `first:` argument or anywhere in a directive, in any operation or fragment of the document. */
export function variablesReachCost(document: DocumentNode): boolean {
  let reaches = false;
  const hasVariable = (node: object): boolean => {
    let found = false;
    visit(node as DocumentNode, { Variable: () => { found = true; } });
    return found;
  };
  visit(document, {
    // A default value is not a use; its uses are what count.
    VariableDefinition: () => false,
    Argument(node) {
      if (node.name.value === 'first' && hasVariable(node.value)) reaches = true;
    },
    Directive(node) {
      if (hasVariable(node)) reaches = true;
    },
  });
  return reaches;
}
