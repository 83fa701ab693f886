import { ASTVisitor, GraphQLError, ValidationContext } from 'graphql';

/**
 * Aliases let one request run the same field many times (`a1: auditVerification a2: ...`);
 * the cost limit prices fields, this caps how often a document may rename them.
 */
export function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === max + 1) {
          context.reportError(new GraphQLError(`query has more than ${max} aliases`, { nodes: [node] }));
        }
      },
    };
  };
}
