import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { canonicalJson } from '@workbay/eventstore';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { RequestContext } from '../context/request-context';
import { TenantDb } from '../database/tenant-db';
import { ConflictError, IdempotencyKeyReused, ValidationFailed } from '../errors/errors';

const HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on every command (REST POST/PUT/PATCH/DELETE and GraphQL mutations):
 * the first request with a key runs and its result is stored per tenant; a repeat with the same
 * request gets the stored result, a repeat with a different request is refused (422), and one
 * that arrives while the first still runs gets 409. A failed command frees its key so the client
 * can correct and retry. The key is also handed to the event store as the append's idempotency
 * key, so even a crash between append and bookkeeping cannot append twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = httpRequestOf(execution);
    const key = req?.headers?.[HEADER] as string | undefined;
    const tenantId = this.context.tenantIdOrNull;
    if (!key || !this.isCommand(execution, req)) return next.handle();
    if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
      throw new ValidationFailed([{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }]);
    }
    if (!tenantId) {
      // A public command (signup, accepting an invitation) has no tenant to keep the key under:
      // it keeps its own (PublicCommandKeys). Login changes nothing, so repeating it is harmless.
      this.context.setIdempotencyKey(key);
      return next.handle();
    }
    const requestHash = this.hashRequest(execution, req);
    // One GraphQL document may hold several mutations: each field is its own command.
    const scopedKey = execution.getType<string>() === 'graphql' ? `${key}#${execution.getHandler().name}` : key;
    return from(this.run(tenantId, scopedKey, requestHash, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(tenantId: string, key: string, requestHash: string, handle: () => Promise<unknown>) {
    const claimed = await this.db.run(async (em) => {
      const rows = await em.execute(
        `insert into platform.idempotency_keys (tenant_id, key, request_hash, status) values (?, ?, ?, 'processing')
         on conflict (tenant_id, key) do nothing returning key`,
        [tenantId, key, requestHash],
      );
      if (rows.length > 0) return null;
      const [existing] = await em.execute(`select request_hash, status, response_body from platform.idempotency_keys where tenant_id = ? and key = ?`, [tenantId, key]);
      return existing as { request_hash: string; status: string; response_body: { value: unknown } | null };
    });
    if (claimed) {
      if (claimed.request_hash !== requestHash) throw new IdempotencyKeyReused();
      if (claimed.status !== 'completed') {
        throw new ConflictError('a request with this Idempotency-Key is still being processed', 'IDEMPOTENCY_IN_PROGRESS');
      }
      return claimed.response_body?.value;
    }
    this.context.setIdempotencyKey(key);
    try {
      const result = await handle();
      await this.db.run((em) =>
        em.execute(`update platform.idempotency_keys set status = 'completed', response_body = ? where tenant_id = ? and key = ?`, [
          JSON.stringify({ value: result ?? null }), tenantId, key,
        ]),
      );
      return result;
    } catch (error) {
      await this.db.run((em) => em.execute(`delete from platform.idempotency_keys where tenant_id = ? and key = ?`, [tenantId, key]));
      throw error;
    }
  }

  private isCommand(execution: ExecutionContext, req: { method?: string; body?: { query?: string } }): boolean {
    if (execution.getType<string>() === 'graphql') return /^\s*mutation\b/.test(req.body?.query ?? '');
    return req.method !== 'GET' && req.method !== 'HEAD';
  }

  private hashRequest(execution: ExecutionContext, req: { method?: string; originalUrl?: string; body?: unknown }): string {
    const basis = execution.getType<string>() === 'graphql'
      ? canonicalJson({ graphql: req.body })
      : canonicalJson({ method: req.method, url: req.originalUrl, body: req.body ?? null });
    return createHash('sha256').update(basis).digest('hex');
  }
}
