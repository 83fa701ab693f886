import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotFoundError, RequireAbility, RequireEntitlement, ShownOnce } from '@workbay/platform';
import { ApiKeyPage, ApiKeysArgs, ApiKeyView, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

const keyId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('API key', '(malformed id)') });

@Resolver(() => ApiKeyView)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for a machine client; `key` is shown this once (POST /api-keys)' })
  @RequireAbility('create', 'ApiKey')
  @RequireEntitlement({ feature: 'api_keys' })
  @ShownOnce('key')
  createApiKey(@Args('input', { description: 'its name and scopes' }) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.keys.create(input);
  }

  @Query(() => ApiKeyPage, { description: "The shop's API keys, never their secrets (GET /api-keys)" })
  @RequireAbility('read', 'ApiKey')
  apiKeys(@Args() args: ApiKeysArgs): Promise<ApiKeyPage> {
    return this.keys.list(args);
  }

  @Mutation(() => ApiKeyView, { description: 'Revokes an API key at once (POST /api-keys/{id}/revoke)' })
  @RequireAbility('update', 'ApiKey')
  revokeApiKey(@Args('id', { type: () => ID }, keyId) id: string): Promise<ApiKeyView> {
    return this.keys.revoke(id);
  }
}
