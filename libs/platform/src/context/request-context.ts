import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import { UnauthenticatedError } from '../errors/errors';

export type Role =
  | 'owner' | 'admin' | 'manager' | 'service_advisor' | 'technician'
  | 'front_desk' | 'finance' | 'revenue_assurance' | 'ceo' | 'auditor';

export const ROLES: readonly Role[] = [
  'owner', 'admin', 'manager', 'service_advisor', 'technician',
  'front_desk', 'finance', 'revenue_assurance', 'ceo', 'auditor',
];

export interface Principal {
  userId: string;
  tenantId: string;
  roles: Role[];
  email: string;
}

export interface WorkbayStore extends ClsStore {
  principal?: Principal;
  /** Set by the system for jobs and projections acting for one tenant. */
  tenantId?: string;
  correlationId?: string;
  causationId?: string;
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

  /** Runs `fn` as the system acting for one tenant (jobs, sagas, seeding). */
  runAsSystemFor<T>(tenantId: string, fn: () => Promise<T>, correlationId?: string): Promise<T> {
    return this.cls.run(async () => {
      this.cls.set('tenantId', tenantId);
      this.cls.set('correlationId', correlationId);
      return fn();
    });
  }
}
