import type { ApiKeyScope } from './accepts-api-key.decorator';

/** What a live key may do, and for which tenant: the tenant comes from the key's row, never the request. */
export interface ApiKeyAccess {
  keyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
  /** As the `evd` claim of a user's token: when the shop's e-mail verification grace ends, while it is unverified. */
  emailVerificationDue?: number;
}

/**
 * Port: the tenants' API keys as the kernel's authentication needs them; IdentityModule provides
 * it over identity's table. Asked on every request a key signs, and answered from the key's row as
 * stored now (one round trip, no cache), so a revoked key is refused on its very next request by
 * every API process. An abstract class so it is its own injection token.
 */
export abstract class ApiKeyDirectory {
  /** The key's access when `secret` is its secret and it is not revoked; null for anything else (unknown, wrong secret, revoked). */
  abstract verify(keyId: string, secret: string): Promise<ApiKeyAccess | null>;
}
