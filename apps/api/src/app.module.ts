import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from '@workbay/audit';
import { IdentityModule } from '@workbay/identity';
import { PaymentsModule } from '@workbay/payments';
import { AppConfig, loadConfig, PlatformModule } from '@workbay/platform';
import { SHOP_ENTITIES, ShopModule } from '@workbay/shop';
import depthLimit from 'graphql-depth-limit';
import { aliasLimit } from './graphql-alias-limit';
import { formatGraphqlError } from './graphql-errors';
import { onSoundFragments } from './graphql-fragment-cycles';
import { GraphqlLimitsPlugin } from './graphql-limits.plugin';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    const production = config.NODE_ENV === 'production';
    return {
      module: AppModule,
      imports: [
        PlatformModule.forApi({ config, entities: [...SHOP_ENTITIES] }),
        IdentityModule.forApi(),
        PaymentsModule.forApi(),
        AuditModule,
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
        ShopModule,
      ],
      providers: [GraphqlLimitsPlugin],
    };
  }
}
