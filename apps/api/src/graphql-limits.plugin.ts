import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppConfig } from '@workbay/platform';
import { GraphQLError } from 'graphql';
import { ComplexityCache } from './graphql-complexity-cache';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Query cost limit (depth is a validation rule in app.module). Lists multiply their children by
 * the requested page size, so `first: 100` on a nested list costs what it fetches.
 */
@Plugin()
export class GraphqlLimitsPlugin implements ApolloServerPlugin {
  private readonly cache = new ComplexityCache();

  constructor(private readonly schemaHost: GraphQLSchemaHost, private readonly config: AppConfig) {}

  async requestDidStart(): Promise<GraphQLRequestListener<any>> {
    const { schema } = this.schemaHost;
    const max = this.config.GRAPHQL_MAX_COMPLEXITY;
    const cache = this.cache;
    return {
      async didResolveOperation({ request, document, operation }) {
        // Apollo calls this hook for an unknown operationName too; execution then answers it with a 400.
        if (!operation) return;
        let complexity: number;
        try {
          // On a cached cost the variables are left to execution, which answers a bad one with 400 BAD_USER_INPUT as well.
          complexity = cache.costOf(document, request.operationName, () => getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => (typeof args.first === 'number' ? args.first * Math.max(1, childComplexity) + 1 : undefined),
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          }));
        } catch (error) {
          // getComplexity coerces the variables before execution would: a missing or mistyped
          // variable throws here, and Apollo answers a throw from this hook with a 500.
          if (!(error instanceof GraphQLError)) throw error;
          throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
        if (complexity > max) {
          throw new GraphQLError(`query is too complex: cost ${complexity}, limit ${max}`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', status: 400, http: { status: 400 } },
          });
        }
      },
    };
  }
}
