import { Injectable } from '@nestjs/common';

/** Far more shops than one API process sees between restarts; past it the set starts over (a miss only costs one lookup). */
const MAX_REMEMBERED = 50_000;

/**
 * Shops this process has seen verified whose members may still hold tokens issued before (with an
 * `evd` claim). Verifying adds the shop here at once; another API process learns it from its one
 * database lookup. Verification is never taken back, so nothing here goes stale.
 */
@Injectable()
export class VerifiedTenants {
  private readonly tenants = new Set<string>();

  has(tenantId: string): boolean {
    return this.tenants.has(tenantId);
  }

  add(tenantId: string): void {
    if (this.tenants.size >= MAX_REMEMBERED) this.tenants.clear();
    this.tenants.add(tenantId);
  }
}
