import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_POOL, TenantDb } from '@workbay/platform';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { MANAGE_TOKEN_BYTES, MANAGE_TOKEN_PATTERN } from './online-booking.rules';

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/**
 * Manage links: a secret that names one booking. Made under the tenant's RLS with the booking,
 * shown once, kept only as its hash; found by that hash before any tenant is known (system
 * role), which is all the link's holder can ever reach.
 */
@Injectable()
export class ManageLinks {
  constructor(private readonly db: TenantDb, @Inject(SYSTEM_POOL) private readonly system: Pool) {}

  async issue(tenantId: string, reservationId: string): Promise<string> {
    const token = randomBytes(MANAGE_TOKEN_BYTES).toString('base64url');
    await this.db.run((em) => em.execute(
      `insert into scheduling.manage_links (tenant_id, reservation_id, token_hash) values (?, ?, ?)`, [tenantId, reservationId, hashOf(token)],
    ), tenantId);
    return token;
  }

  async find(token: string): Promise<{ tenantId: string; reservationId: string } | null> {
    if (typeof token !== 'string' || !MANAGE_TOKEN_PATTERN.test(token)) return null;
    const { rows: [row] } = await this.system.query<{ tenantId: string; reservationId: string }>(
      `select tenant_id as "tenantId", reservation_id as "reservationId" from scheduling.manage_links where token_hash = $1`, [hashOf(token)],
    );
    return row ?? null;
  }
}
