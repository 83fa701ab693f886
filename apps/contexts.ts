import { APPROVALS } from '@workbay/approvals';
import { AUDIT } from '@workbay/audit';
import { BILLING } from '@workbay/billing';
import { IDENTITY } from '@workbay/identity';
import { PAYMENTS } from '@workbay/payments';
import type { ContextManifest } from '@workbay/platform';
import { SCHEDULING } from '@workbay/scheduling';
import { SHOP } from '@workbay/shop';

/**
 * The bounded contexts every app carries (API, worker, CLI), in migration order: adding a context
 * is one line here. Tests pass their own list to the same functions (AppModule.forRoot,
 * createWorker, contextMigrations).
 */
export const CONTEXTS: readonly ContextManifest[] = [IDENTITY, PAYMENTS, AUDIT, BILLING, SHOP, SCHEDULING, APPROVALS];
