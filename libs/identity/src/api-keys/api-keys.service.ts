import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  AggregateStore, API_KEY_SCOPES, ApiKeyScope, AuditOutbox, Clock, decodeCursor, encodeCursor, mintApiKey, NotFoundError, pageOf, RequestContext, TenantDb, ValidationFailed,
} from '@workbay/platform';
import { readRequiredText } from '@workbay/platform/fields';
import { API_KEY_NAME, ApiKeyPage, ApiKeysArgs, ApiKeyView, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  created_by: string;
  /** Timestamps as the driver hands them over through MikroORM's execute. */
  created_at: string | Date;
  last_used_at: string | Date | null;
  revoked_at: string | Date | null;
  revoked_by: string | null;
}

/** A page's last row, with its creation instant in the cursor's milliseconds (computed by Postgres). */
type PagedApiKeyRow = ApiKeyRow & { page_at_ms: number };

const COLUMNS = 'id, name, scopes, created_by, created_at, last_used_at, revoked_at, revoked_by';
const iso = (at: string | Date | null) => (at === null ? null : new Date(at).toISOString());

const view = (r: ApiKeyRow): ApiKeyView => ({
  id: r.id, name: r.name, scopes: r.scopes, createdBy: r.created_by, createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at), revokedBy: r.revoked_by,
});

/** The scopes asked for, once each, in the catalogue's order (so equal keys list equal scopes). */
const scopesOf = (asked: ApiKeyScope[]): ApiKeyScope[] => API_KEY_SCOPES.filter((s) => asked.includes(s));

/**
 * The tenant's API keys, for machine clients (usage emitters, integrations). Kept in a table like
 * users (every request a key signs reads its row: no projection may lag a revocation), and each
 * change is staged on the tenant's audit stream in its own transaction: ApiKeyCreated (never the
 * secret), ApiKeyRevoked. Keys cannot manage keys: these operations accept no API key.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: AuditOutbox,
    private readonly context: RequestContext,
    private readonly aggregates: AggregateStore,
    private readonly clock: Clock,
  ) {}

  /**
   * A new key, its secret shown in this answer only. Under an Idempotency-Key the id is derived
   * from the key, so a repeat that runs again (its first run died after committing) finds the
   * key it made instead of making a second one, and answers without the secret it cannot know.
   */
  async create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const actor = this.context.principal;
    const tenantId = actor.tenantId;
    // The DTO ran this rule already; read again for the trimmed, collapsed text it stands for.
    const read = readRequiredText(input.name, API_KEY_NAME);
    if (!read.ok) throw new ValidationFailed([{ field: 'name', message: `name ${read.problem}` }]);
    const name = read.text;
    const scopes = scopesOf(input.scopes);
    const id = this.aggregates.newId('api-key');
    const { key, secretHash } = mintApiKey(id);
    const made = await this.db.run(async (em) => {
      const [inserted] = await em.execute<ApiKeyRow[]>(
        `insert into platform.api_keys (tenant_id, id, name, scopes, secret_hash, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)
           on conflict (tenant_id, id) do nothing returning ${COLUMNS}`,
        [tenantId, id, name, `{${scopes.join(',')}}`, secretHash, actor.userId, this.clock.now()],
      );
      if (!inserted) return { row: await this.keyRow(em, id, false), fresh: false };
      await this.outbox.stage(em, tenantId, actor.userId, [{ type: 'ApiKeyCreated', data: { keyId: id, name, scopes, createdBy: actor.userId } }]);
      return { row: inserted, fresh: true };
    });
    if (made.fresh) await this.outbox.flushAfterCommit(tenantId);
    return { ...view(made.row), key: made.fresh ? key : null };
  }

  /** Oldest first, revoked keys too (with when and by whom): what a shop reviews before revoking. */
  list({ first = 50, after }: ApiKeysArgs): Promise<ApiKeyPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      // created_at has microseconds and the cursor milliseconds: page on the milliseconds (as the users list does).
      const rows = await em.execute<PagedApiKeyRow[]>(
        `select ${COLUMNS}, floor(extract(epoch from created_at) * 1000)::float8 as page_at_ms from platform.api_keys
          where tenant_id = ? and (?::timestamptz is null or (date_trunc('milliseconds', created_at), id) > (?::timestamptz, ?::uuid))
          order by date_trunc('milliseconds', created_at), id limit ?`,
        [this.context.tenantId, cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, first + 1],
      );
      return pageOf(rows, first, view, (r) => encodeCursor(new Date(r.page_at_ms), r.id));
    });
  }

  /**
   * Revokes a key at once: the next request it signs is a 401, on every API process, since each
   * request reads the key's row. Revoking a revoked key answers it as it is (idempotent, no event).
   */
  async revoke(keyId: string): Promise<ApiKeyView> {
    const actor = this.context.principal;
    const tenantId = actor.tenantId;
    const done = await this.db.run(async (em) => {
      const current = await this.keyRow(em, keyId, true);
      if (current.revoked_at !== null) return { row: current, staged: false };
      const [row] = await em.execute<ApiKeyRow[]>(
        `update platform.api_keys set revoked_at = ?, revoked_by = ? where tenant_id = ? and id = ? returning ${COLUMNS}`,
        [this.clock.now(), actor.userId, tenantId, keyId],
      );
      await this.outbox.stage(em, tenantId, actor.userId, [{ type: 'ApiKeyRevoked', data: { keyId, name: row.name, revokedBy: actor.userId } }]);
      return { row, staged: true };
    });
    if (done.staged) await this.outbox.flushAfterCommit(tenantId);
    return view(done.row);
  }

  /** The key of the current tenant (another tenant's id is not found, like an unknown one). */
  private async keyRow(em: EntityManager, keyId: string, forUpdate: boolean): Promise<ApiKeyRow> {
    const [row] = await em.execute<ApiKeyRow[]>(
      `select ${COLUMNS} from platform.api_keys where tenant_id = ? and id = ?${forUpdate ? ' for update' : ''}`, [this.context.tenantId, keyId],
    );
    if (!row) throw new NotFoundError('API key', keyId);
    return row;
  }
}
