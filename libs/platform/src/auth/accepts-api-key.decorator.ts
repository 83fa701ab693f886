import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_API_KEY = 'workbay:accepts-api-key';

/**
 * Opens an endpoint to tenant API keys (machine clients) that carry `scope`, besides users'
 * tokens. An endpoint without it refuses every API key, so a key reaches only what was opened to
 * its scopes: a `usage:write` key records usage and reads nothing.
 */
export const AcceptsApiKey = (scope: ApiKeyScope) => SetMetadata(ACCEPTS_API_KEY, scope);

/** What an API key may be granted; add a scope here with the endpoints that accept it. */
export const API_KEY_SCOPES = ['usage:write', 'usage:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
