import { Query } from '@nestjs/cqrs';

export interface TenantBySlugView {
  tenantId: string;
  name: string;
  slug: string;
  /** 'active' or 'suspended'. */
  status: string;
}

/** Public query of identity (see contract.ts): the tenant a public URL names by its slug; null when none. */
export class TenantBySlug extends Query<TenantBySlugView | null> {
  constructor(readonly slug: string) {
    super();
  }
}
