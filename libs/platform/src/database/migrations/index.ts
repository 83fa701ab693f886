import { Migration0001Platform } from './0001-platform';
import { Migration0002PlatformUserLocations } from './0002-platform-user-locations';
import { Migration0003PlatformStripe } from './0003-platform-stripe';
import { Migration0004PlatformPublicCommandKeys } from './0004-platform-public-command-keys';
import { Migration0005PlatformEventStoreRefresh } from './0005-platform-event-store-refresh';
import { Migration0006PlatformAuditOutbox } from './0006-platform-audit-outbox';
import { Migration0007PlatformAccounts } from './0007-platform-accounts';
import { Migration0008PlatformIdempotencyLeases } from './0008-platform-idempotency-leases';
import { Migration0009PlatformProcessTimers } from './0009-platform-process-timers';
import { Migration0010PlatformNotifications } from './0010-platform-notifications';
import { Migration0011PlatformEventStoreNotify } from './0011-platform-event-store-notify';
import { Migration0012PlatformEmailVerification } from './0012-platform-email-verification';
import { Migration0013PlatformApiKeys } from './0013-platform-api-keys';
import { Migration0014PlatformAuditVerifications } from './0014-platform-audit-verifications';
import { Migration0015PlatformEventStoreNotifyAfterCommit } from './0015-platform-event-store-notify-after-commit';
import { Migration0016PlatformEventStoreAppendMany } from './0016-platform-event-store-append-many';
import { Migration0017PlatformEventStoreAppendManyNotifyAfterCommit } from './0017-platform-event-store-append-many-notify-after-commit';
import { Migration0018PlatformTenantSlug } from './0018-platform-tenant-slug';
import { Migration0019PlatformStripeAccountStatus } from './0019-platform-stripe-account-status';

/** Platform migrations, in order. Each bounded context exports its own list; apps concatenate. */
export const PLATFORM_MIGRATIONS: Function[] = [
  Migration0001Platform, Migration0002PlatformUserLocations, Migration0003PlatformStripe, Migration0004PlatformPublicCommandKeys,
  Migration0005PlatformEventStoreRefresh, Migration0006PlatformAuditOutbox, Migration0007PlatformAccounts, Migration0008PlatformIdempotencyLeases,
  Migration0009PlatformProcessTimers,
  Migration0010PlatformNotifications,
  Migration0011PlatformEventStoreNotify,
  Migration0012PlatformEmailVerification,
  Migration0013PlatformApiKeys,
  Migration0014PlatformAuditVerifications,
  Migration0015PlatformEventStoreNotifyAfterCommit,
  Migration0016PlatformEventStoreAppendMany,
  Migration0017PlatformEventStoreAppendManyNotifyAfterCommit,
  Migration0018PlatformTenantSlug,
  Migration0019PlatformStripeAccountStatus,
];
