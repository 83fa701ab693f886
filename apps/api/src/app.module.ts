import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, ContextManifest, contextModules, loadConfig, PlatformModule, PlatformOptions } from '@workbay/platform';
import depthLimit from 'graphql-depth-limit';
import { aliasLimit } from './graphql-alias-limit';
import { formatGraphqlError } from './graphql-errors';
import { onSoundFragments } from './graphql-fragment-cycles';
import { GraphqlLimitsPlugin } from './graphql-limits.plugin';
import { CONTEXTS } from '../../contexts';

export type ApiOptions = Pick<PlatformOptions, 'logDestination'>;

@Module({})
export class AppModule {
  /** `contexts`: the manifests to serve (tests add their own to the standard list); `options.logDestination`: where log lines go (tests). */
  static forRoot(config: AppConfig = loadConfig(), contexts: readonly ContextManifest[] = CONTEXTS, options: ApiOptions = {}): DynamicModule {
    const production = config.NODE_ENV === 'production';
    return {
      module: AppModule,
      imports: [
        PlatformModule.forApi({ config, contexts, logDestination: options.logDestination }),
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          introspection: !production,
          playground: false,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: production,
          validationRules: [onSoundFragments(depthLimit(config.GRAPHQL_MAX_DEPTH)), onSoundFragments(aliasLimit(config.GRAPHQL_MAX_ALIASES))],
          formatError: formatGraphqlError,
        } as ApolloDriverConfig),
        ...contextModules(contexts, 'api'),
      ],
      providers: [GraphqlLimitsPlugin],
    };
  }
}
