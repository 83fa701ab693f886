import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, RequireAbility, RequireEntitlement, ShownOnce } from '@workbay/platform';
import { ApiKeyPage, ApiKeysArgs, ApiKeyView, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

const keyId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('API key', '(malformed id)') });

const AUTHENTICATION =
  'Machine clients send the key as `X-Api-Key: wbk_...` or `Authorization: Bearer wbk_...`. A key reaches only the operations that accept its scope ' +
  '(documented on each with the `apiKey` security scheme); anywhere else it is 403 `API_KEY_NOT_ACCEPTED`, and on an operation that accepts another scope ' +
  '403 `API_KEY_SCOPE_MISSING`. An unknown, malformed or revoked key is 401.';

/** Owners and admins manage the shop's API keys; no API key can (these operations accept none). */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequireAbility('create', 'ApiKey')
  @RequireEntitlement({ feature: 'api_keys' })
  @ShownOnce('key')
  @ApiOperation({
    summary: 'Creates an API key for a machine client (owner, admin); the answer shows the key once',
    description: `The key is stored only as a hash: keep it from this answer. ${AUTHENTICATION} A repeat under the same Idempotency-Key answers the same key with \`key: null\`.`,
  })
  @ApiCreatedResponse({ type: CreatedApiKey })
  create(@Body() input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.keys.create(input);
  }

  @Get()
  @RequireAbility('read', 'ApiKey')
  @ApiOperation({ summary: "The shop's API keys, oldest first, revoked ones too, never their secrets (owner, admin)" })
  @ApiOkResponse({ type: ApiKeyPage })
  list(@Query() args: ApiKeysArgs): Promise<ApiKeyPage> {
    return this.keys.list(args);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireAbility('update', 'ApiKey')
  @ApiOperation({
    summary: 'Revokes an API key: the next request it signs is a 401 (owner, admin)',
    description: 'Revoking a revoked key answers it unchanged. Another shop\'s key id is 404.',
  })
  @ApiOkResponse({ type: ApiKeyView })
  revoke(@Param('id', keyId) id: string): Promise<ApiKeyView> {
    return this.keys.revoke(id);
  }
}
