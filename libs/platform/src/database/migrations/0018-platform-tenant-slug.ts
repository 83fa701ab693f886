import { Migration } from '@mikro-orm/migrations';

/**
 * A tenant's public name in URLs (`/book/{slug}`): unique over all tenants, because it is how an
 * anonymous visitor names the shop (the one unique key here not led by tenant_id, on purpose:
 * it answers "which tenant" and nothing else). Derived from the shop name at signup, with a
 * numeric suffix on collision (identity's tenant-slug.ts); tenants opened before get one from
 * their name and id.
 */
const FROM_NAME_AND_ID = (name: string, id: string) =>
  `coalesce(nullif(trim(both '-' from left(regexp_replace(lower(${name}), '[^a-z0-9]+', '-', 'g'), 40)), ''), 'shop') || '-' || left(${id}::text, 8)`;

export class Migration0018PlatformTenantSlug extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.tenants add column slug text`);
    this.addSql(`update platform.tenants set slug = ${FROM_NAME_AND_ID('name', 'id')}`);
    // A tenant inserted without one (fixtures, tools) still gets a unique slug; signup names its own.
    this.addSql(`create function platform.tenant_default_slug() returns trigger language plpgsql as $$
      begin
        if new.slug is null then new.slug := ${FROM_NAME_AND_ID('new.name', 'new.id')}; end if;
        return new;
      end $$`);
    this.addSql(`create trigger tenants_default_slug before insert on platform.tenants for each row execute function platform.tenant_default_slug()`);
    this.addSql(`alter table platform.tenants alter column slug set not null,
      add constraint tenants_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 63)`);
    this.addSql(`create unique index tenants_slug on platform.tenants (slug)`);
  }
}
