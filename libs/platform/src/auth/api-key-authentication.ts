import { Injectable } from '@nestjs/common';
import { Principal, RequestContext } from '../context/request-context';
import { UnauthenticatedError } from '../errors/errors';
import { ApiKeyDirectory } from './api-key-directory';
import { looksLikeApiKey, parseApiKey } from './api-key-format';

type Headers = Record<string, string | string[] | undefined>;

/** The actor an API key's work is recorded under (events, audit, logs): no user is behind it. */
export const apiKeyActor = (keyId: string) => `apikey:${keyId}`;

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/**
 * Machine clients sign requests with a tenant API key, as `X-Api-Key: wbk_...` or
 * `Authorization: Bearer wbk_...` (the prefix tells it from a user's JWT). The key's row is read
 * on every request through ApiKeyDirectory (no cache a revoked key could slip through), and the
 * tenant is the row's. Whether the operation accepts keys, and this key's scope, the abilities
 * guard decides: authentication first, so a forged key is a 401 wherever it is sent.
 */
@Injectable()
export class ApiKeyAuthentication {
  constructor(private readonly keys: ApiKeyDirectory, private readonly context: RequestContext) {}

  /**
   * The key a request presents, or null when it presents none (then a JWT is expected). Two
   * credentials at once are refused rather than one picked: which of them a proxy or client
   * meant cannot be known.
   */
  presented(headers: Headers | undefined): string | null {
    const header = headers?.['x-api-key'];
    const authorization = headers?.authorization;
    if (header !== undefined) {
      if (authorization !== undefined) throw new UnauthenticatedError('send either X-Api-Key or Authorization, not both');
      if (typeof header !== 'string') throw new UnauthenticatedError('send one X-Api-Key header');
      return header.trim();
    }
    const bearer = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
    return bearer !== undefined && looksLikeApiKey(bearer) ? bearer : null;
  }

  async authenticate(presented: string): Promise<Principal> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw new UnauthenticatedError('malformed API key: expected wbk_<key id>_<secret> as issued by POST /api-keys');
    const access = await this.keys.verify(parsed.keyId, parsed.secret);
    // One answer for an unknown id, a wrong secret and a revoked key: none says a key id exists to someone without its secret.
    if (!access) throw new UnauthenticatedError('this API key is unknown or revoked');
    const principal: Principal = {
      userId: apiKeyActor(access.keyId),
      tenantId: access.tenantId,
      roles: [],
      email: '',
      apiKey: { id: access.keyId, scopes: access.scopes },
      ...(access.emailVerificationDue !== undefined ? { emailVerificationDue: access.emailVerificationDue } : {}),
    };
    this.context.setPrincipal(principal);
    return principal;
  }
}
