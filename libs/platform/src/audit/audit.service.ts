import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { RequestContext } from '../context/request-context';
import { SYSTEM_EVENT_STORE } from '../eventstore/open-event-store';
import { AuditEventPage, AuditVerificationView } from './audit.dto';

/**
 * The auditor's view of the caller's own tenant: its event stream in order and the hash-chain
 * verification. The tenant comes from the verified token only; there is no parameter to name one.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Verification reads stream heads across the tenant's streams, which the app role may not.
    @Inject(SYSTEM_EVENT_STORE) private readonly systemStore: EventStore,
    private readonly context: RequestContext,
  ) {}

  async events(after: number, first: number): Promise<AuditEventPage> {
    // One extra row tells whether another page follows without a count query.
    const rows = await this.store.readTenant(this.context.tenantId, after, first + 1);
    const items = rows.slice(0, first).map((e) => ({ ...e, data: e.data as Record<string, unknown> }));
    return { items, nextAfter: rows.length > first ? items[items.length - 1].globalPosition : null };
  }

  async verification(): Promise<AuditVerificationView> {
    const { ok, streamsChecked, eventsChecked, breaks } = await this.systemStore.verifyTenant(this.context.tenantId);
    return { ok, streamsChecked, eventsChecked, breaks };
  }
}
