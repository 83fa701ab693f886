import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { canonicalJson } from '@workbay/eventstore';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { httpRequestOf } from '../auth/jwt-auth.guard';
import { RequestContext } from '../context/request-context';
import { IdempotencyKeyReused, ValidationFailed } from '../errors/errors';
import { IdempotencyInProgress } from './idempotency-in-progress';
import { IdempotencyKeys } from './idempotency-keys';
import { SHOWN_ONCE, withoutShownOnce } from './shown-once.decorator';

const HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on every command (REST POST/PUT/PATCH/DELETE and GraphQL mutations):
 * the first request with a key runs and its result is stored per tenant; a repeat with the same
 * request gets the stored result, a repeat with a different request is refused (422), and one
 * that arrives while the first still holds the key's lease gets 409 with Retry-After. A failed
 * command frees its key so the client can correct and retry. The key is also handed to the event
 * store as the append's idempotency key, so a crash between append and bookkeeping cannot append
 * twice: once the dead run's lease has run out, a repeat takes the key over and runs the command
 * again, which finds what the first run appended (AggregateStore) and answers with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly keys: IdempotencyKeys, private readonly context: RequestContext) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = httpRequestOf(execution);
    const key = req?.headers?.[HEADER] as string | undefined;
    // The fast path, first: no key (every read, most commands) means nothing to look up or keep.
    if (!key || !this.isCommand(execution, req)) return next.handle();
    const tenantId = this.context.tenantIdOrNull;
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
    return from(this.run(execution, tenantId, scopedKey, requestHash, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(execution: ExecutionContext, tenantId: string, key: string, requestHash: string, handle: () => Promise<unknown>) {
    const claim = await this.keys.claim(tenantId, key, requestHash);
    if (claim.kind === 'reused') throw new IdempotencyKeyReused();
    if (claim.kind === 'completed') return claim.value;
    if (claim.kind === 'in-progress') {
      responseOf(execution)?.setHeader?.('Retry-After', String(claim.retryAfterSeconds));
      throw new IdempotencyInProgress(claim.retryAfterSeconds);
    }
    // A takeover runs the command again under the same key: whatever the dead run appended, the
    // event store answers with its first result instead of appending again.
    if (claim.takenOver) this.logger.warn(`Idempotency-Key ${key} of tenant ${tenantId}: lease ran out, running it again`);
    this.context.setIdempotencyKey(key);
    let result: unknown;
    try {
      result = await handle();
    } catch (error) {
      // Failing to free the key is not the client's news: its lease runs out and a repeat runs.
      await this.keys.release(tenantId, key, claim.claimId).catch((e) => this.logger.error(`releasing Idempotency-Key ${key}: ${e}`));
      throw error;
    }
    try {
      const shownOnce = Reflect.getMetadata(SHOWN_ONCE, execution.getHandler()) as string[] | undefined;
      await this.keys.complete(tenantId, key, claim.claimId, withoutShownOnce(result, shownOnce));
    } catch (error) {
      // The command is done and its result is the answer. The key stays claimed until its lease
      // runs out; a repeat then runs the command again and gets the same result from the store.
      this.logger.error(`completing Idempotency-Key ${key} of tenant ${tenantId}: ${error}`);
    }
    return result;
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

function responseOf(execution: ExecutionContext): { setHeader?: (name: string, value: string) => void } | undefined {
  return execution.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(execution).getContext().res
    : execution.switchToHttp().getResponse();
}

/**
 * What bindToCommands puts on each command handler: it finds the API's IdempotencyInterceptor on
 * its first command. The binding is class metadata, so it is on those handlers in every Nest
 * container of the process (a test's worker beside its API); this class needs nothing any
 * container lacks, so those that never serve a request can still build it.
 */
@Injectable()
export class CommandIdempotencyInterceptor implements NestInterceptor {
  private target?: IdempotencyInterceptor;

  constructor(private readonly moduleRef: ModuleRef) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.target ??= this.moduleRef.get(IdempotencyInterceptor, { strict: false });
    return this.target.intercept(execution, next);
  }
}
