import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { canonicalJson } from '@workbay/eventstore';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { SYSTEM_POOL } from '@workbay/platform';

/** One keyed public command: `scope` is what it is about (the e-mail signing up, the invitation). */
export interface PublicCommandKey {
  operation: 'signup' | 'accept-invitation';
  scope: string;
  key: string;
  requestHash: string;
}

export interface PublicCommandOutcome {
  tenantId: string;
  userId: string;
}

/**
 * `Idempotency-Key` for signup and accepting an invitation, which run before there is a tenant
 * to scope the usual key store by. What is kept is the outcome (which tenant and user the
 * request made), never the response: the session holds a token, and a repeat gets a fresh one
 * after proving the same password, so a stored key is worth nothing without it. The request
 * hash leaves the password out for the same reason (a fast hash of a password is a crackable
 * copy of it).
 */
@Injectable()
export class PublicCommandKeys {
  constructor(@Inject(SYSTEM_POOL) private readonly system: Pool) {}

  /** The key of this request, or null when the client sent no Idempotency-Key. */
  keyFor(operation: PublicCommandKey['operation'], scope: string, key: string | undefined, request: object): PublicCommandKey | null {
    if (!key) return null;
    const requestHash = createHash('sha256').update(canonicalJson({ ...request, password: undefined })).digest('hex');
    return { operation, scope, key, requestHash };
  }

  async outcomeOf(command: PublicCommandKey): Promise<(PublicCommandOutcome & { requestHash: string }) | null> {
    const { rows } = await this.system.query<{ tenant_id: string; user_id: string; request_hash: string }>(
      `select tenant_id, user_id, request_hash from platform.public_command_keys where operation = $1 and scope = $2 and key = $3`,
      [command.operation, command.scope, command.key],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, userId: rows[0].user_id, requestHash: rows[0].request_hash } : null;
  }

  /**
   * In the transaction that makes the outcome: a concurrent request with the same key waits on
   * the primary key and then fails with a unique violation (see `isKeyTaken`).
   */
  async record(em: EntityManager, command: PublicCommandKey, outcome: PublicCommandOutcome): Promise<void> {
    await em.execute(
      `insert into platform.public_command_keys (operation, scope, key, request_hash, tenant_id, user_id) values (?, ?, ?, ?, ?, ?)`,
      [command.operation, command.scope, command.key, command.requestHash, outcome.tenantId, outcome.userId],
    );
  }
}

export function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'public_command_keys_pkey' || /public_command_keys_pkey/.test(e.message ?? ''));
}
