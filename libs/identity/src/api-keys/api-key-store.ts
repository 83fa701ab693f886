import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { API_KEY_SCOPES, ApiKeyAccess, ApiKeyDirectory, ApiKeyScope, secretMatches, SYSTEM_POOL } from '@workbay/platform';

interface KeyRow {
  tenant_id: string;
  secret_hash: Buffer;
  scopes: string[];
  revoked: boolean;
  recently_used: boolean;
  verification_due: number | null;
}

/** Compared against when the id is unknown, so an unknown id costs the same hash and compare as a wrong secret. */
const NO_KEY = Buffer.alloc(32);

/**
 * How fresh `last_used_at` is kept: a request refreshes it only when it is older than this, so a
 * busy key writes its row a few times an hour instead of on every request (and the write is not
 * awaited: the request does not wait for it). "Last used" is there to judge which keys are idle
 * before revoking them; minutes are precise enough for that.
 */
export const LAST_USED_RESOLUTION = '5 minutes';

/**
 * The kernel's ApiKeyDirectory over platform.api_keys. The key's row is found by id before the
 * tenant is known, so through the system role (as login finds an account); one round trip per
 * request, also bringing the shop's e-mail verification grace, which the command gate applies to
 * keys as it does to users' tokens.
 */
@Injectable()
export class ApiKeyStore extends ApiKeyDirectory {
  private readonly logger = new Logger('ApiKeys');

  constructor(@Inject(SYSTEM_POOL) private readonly system: Pool) {
    super();
  }

  async verify(keyId: string, secret: string): Promise<ApiKeyAccess | null> {
    const { rows: [row] } = await this.system.query<KeyRow>(
      `select k.tenant_id, k.secret_hash, k.scopes, k.revoked_at is not null as revoked,
              coalesce(k.last_used_at > now() - $2::interval, false) as recently_used,
              case when t.email_verified_at is null then floor(extract(epoch from t.email_verification_due))::float8 end as verification_due
         from platform.api_keys k join platform.tenants t on t.id = k.tenant_id
        where k.id = $1`,
      [keyId, LAST_USED_RESOLUTION],
    );
    const matches = secretMatches(secret, row?.secret_hash ?? NO_KEY);
    if (!row || !matches || row.revoked) return null;
    if (!row.recently_used) this.touch(keyId);
    return {
      keyId,
      tenantId: row.tenant_id,
      // A scope taken off the catalogue stops working for the keys that hold it.
      scopes: row.scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s)),
      ...(row.verification_due !== null ? { emailVerificationDue: row.verification_due } : {}),
    };
  }

  private touch(keyId: string): void {
    this.system
      .query(`update platform.api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at <= now() - $2::interval)`, [keyId, LAST_USED_RESOLUTION])
      .catch((error) => this.logger.warn(`last_used_at of API key ${keyId} not refreshed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
