import { Query, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '@workbay/platform';
import { EntitlementsQuery } from './entitlements.query';
import { EntitlementsView } from './entitlements.views';

@Resolver(() => EntitlementsView)
export class EntitlementsResolver {
  constructor(private readonly query: EntitlementsQuery) {}

  @Query(() => EntitlementsView, { description: "The shop's plan version, features (and overrides) and quotas with this period's usage" })
  @RequireAbility('read', 'Entitlements')
  entitlements(): Promise<EntitlementsView> {
    return this.query.current();
  }
}
