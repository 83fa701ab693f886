import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SYSTEM_POOL } from '@workbay/platform';
import { Pool } from 'pg';
import { TenantBySlug, TenantBySlugView } from './tenant-by-slug.query';
import { firstFreeSlug, SLUG_PATTERN, slugBase } from './tenant-slug.rules';

/**
 * Slugs across tenants: before a tenant is known (signup picks one, a public page resolves one),
 * so through the system role; only the slug and the tenant's id and name are ever read here.
 */
@Injectable()
export class TenantSlugs {
  constructor(@Inject(SYSTEM_POOL) private readonly system: Pool) {}

  /** A free slug for a new shop's name; a concurrent signup may still take it (the unique index decides, signup retries). */
  async freeFor(name: string): Promise<string> {
    const base = slugBase(name);
    const { rows } = await this.system.query<{ slug: string }>(
      `select slug from platform.tenants where slug = $1 or slug like $2`, [base, `${base.replace(/[\\%_]/g, '\\$&')}-%`],
    );
    return firstFreeSlug(base, rows.map((r) => r.slug));
  }

  async find(slug: string): Promise<TenantBySlugView | null> {
    if (typeof slug !== 'string' || slug.length > 63 || !SLUG_PATTERN.test(slug)) return null;
    const { rows: [row] } = await this.system.query<TenantBySlugView>(
      `select id as "tenantId", name, slug, status from platform.tenants where slug = $1`, [slug],
    );
    return row ?? null;
  }
}

@QueryHandler(TenantBySlug)
export class TenantBySlugHandler implements IQueryHandler<TenantBySlug> {
  constructor(private readonly slugs: TenantSlugs) {}

  execute({ slug }: TenantBySlug): Promise<TenantBySlugView | null> {
    return this.slugs.find(slug);
  }
}

/** The unique index on platform.tenants.slug refused an insert. */
export const isSlugTaken = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string })?.code === '23505' && String((error as { constraint?: string }).constraint ?? (error as Error).message).includes('tenants_slug');
