import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import type { ApiKeyScope } from '../auth/accepts-api-key.decorator';
import { UnauthenticatedError } from '../errors/errors';

export type Role =
  | 'owner' | 'admin' | 'manager' | 'service_advisor' | 'technician'
  | 'front_desk' | 'finance' | 'revenue_assurance' | 'ceo' | 'auditor';

export const ROLES: readonly Role[] = [
  'owner', 'admin', 'manager', 'service_advisor', 'technician',
  'front_desk', 'finance', 'revenue_assurance', 'ceo', 'auditor',
];

export interface Principal {
  /** The user; for an API key `apikey:<keyId>` (no user is behind it), which is also the actor its work is recorded under. */
  userId: string;
  tenantId: string;
  /** Empty for an API key: its scopes stand in for abilities, on the operations that accept keys. */
  roles: Role[];
  /** Empty for an API key. */
  email: string;
  /** Set when a machine client signed the request with a tenant API key (auth/api-key-authentication.ts). */
  apiKey?: { id: string; scopes: readonly ApiKeyScope[] };
  /**
   * Unix seconds when the shop's e-mail verification grace ends, from the token (`evd` claim):
   * absent when the shop was verified (or never needed it) as the token was issued.
   */
  emailVerificationDue?: number;
}

export interface WorkbayStore extends ClsStore {
  principal?: Principal;
  /** Set by the system for jobs and process managers acting for one tenant. */
  tenantId?: string;
  /** `system:<component>` when no user is acting. */
  actor?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
}

export interface SystemAct {
  /** `system:<component>`. */
  actor: string;
  correlationId?: string;
  /** Id of the event that caused this work. */
  causationId?: string;
  /** Derived from the cause, so a redelivered cause cannot act twice. */
  idempotencyKey?: string;
}

/**
 * The tenant and user of the current request or job, held in AsyncLocalStorage. The tenant is
 * only ever taken from a verified token (or a job payload written by the system), never from a
 * request body or path.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<WorkbayStore>) {}

  get principal(): Principal {
    const p = this.cls.isActive() ? this.cls.get('principal') : undefined;
    if (!p) throw new UnauthenticatedError();
    return p;
  }

  get principalOrNull(): Principal | null {
    return (this.cls.isActive() && this.cls.get('principal')) || null;
  }

  get tenantId(): string {
    const tenantId = this.cls.isActive() ? this.cls.get('principal')?.tenantId ?? this.cls.get('tenantId') : undefined;
    if (!tenantId) throw new UnauthenticatedError('no tenant in context');
    return tenantId;
  }

  get tenantIdOrNull(): string | null {
    if (!this.cls.isActive()) return null;
    return this.cls.get('principal')?.tenantId ?? this.cls.get('tenantId') ?? null;
  }

  get requestId(): string | undefined {
    return this.cls.isActive() ? this.cls.getId() : undefined;
  }

  get correlationId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('correlationId') ?? this.cls.getId() : undefined;
  }

  get idempotencyKey(): string | undefined {
    return this.cls.isActive() ? this.cls.get('idempotencyKey') : undefined;
  }

  setPrincipal(principal: Principal): void {
    this.cls.set('principal', principal);
  }

  setIdempotencyKey(key: string | undefined): void {
    this.cls.set('idempotencyKey', key);
  }

  /** The user acting (`apikey:<keyId>` for an API key), or the system component acting for a tenant (`system:<component>`). */
  get actor(): string {
    return this.principalOrNull?.userId ?? (this.cls.isActive() ? this.cls.get('actor') : undefined) ?? 'system';
  }

  get causationId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('causationId') : undefined;
  }

  /**
   * Runs `fn` as a system component acting for one tenant (process managers, jobs). The tenant
   * comes from the event or job that caused the work, which the system itself wrote.
   */
  runAsSystemFor<T>(tenantId: string, as: SystemAct, fn: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      this.cls.set('tenantId', tenantId);
      this.cls.set('actor', as.actor);
      this.cls.set('correlationId', as.correlationId);
      this.cls.set('causationId', as.causationId);
      this.cls.set('idempotencyKey', as.idempotencyKey);
      return fn();
    });
  }
}
