import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, fold, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { RequestContext, toDomainEvent, NotFoundError, ValidationFailed, SYSTEM_EVENT_STORE, AuditableRecords } from '@workbay/platform';
import { AuditEventPage, AuditEventView, AuditRecordView, AuditVerificationView } from './audit.dto';

const RECORD_ID = /^[A-Za-z0-9_-]{1,200}$/;
// Field by field, not a spread: a StoredEvent also carries its tenantId, which the view does not
// promise (the tenant is the caller's own, from the token) and must not echo.
const asView = (e: StoredEvent): AuditEventView => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data as Record<string, unknown>,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  globalPosition: e.globalPosition,
  recordedAt: e.recordedAt,
  metadata: e.metadata,
  contentHash: e.contentHash,
  chainHash: e.chainHash,
});

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
    private readonly records: AuditableRecords,
  ) {}

  async events(after: number, first: number): Promise<AuditEventPage> {
    // One extra row tells whether another page follows without a count query.
    const rows = await this.store.readTenant(this.context.tenantId, after, first + 1);
    const items = rows.slice(0, first).map(asView);
    return { items, nextAfter: rows.length > first ? items[items.length - 1].globalPosition : null };
  }

  async verification(): Promise<AuditVerificationView> {
    const { ok, streamsChecked, eventsChecked, breaks } = await this.systemStore.verifyTenant(this.context.tenantId);
    return { ok, streamsChecked, eventsChecked, breaks };
  }

  /** One record as it stood at `asOf` (or now): its events up to then, and the state they fold into. */
  async record(category: string, id: string, asOf?: string): Promise<AuditRecordView> {
    const record = this.records.get(category);
    if (!record) {
      throw new ValidationFailed([{ field: 'category', message: `'${category}' is not a record category; one of ${this.records.categories().join(', ')}` }]);
    }
    if (!RECORD_ID.test(id)) throw new ValidationFailed([{ field: 'id', message: 'must be 1-200 letters, digits, - or _' }]);
    const tenantId = this.context.tenantId;
    const stored = await this.store.readStream(tenantId, streamIdFor(tenantId, category, id), { until: asOf });
    if (stored.length === 0) throw new NotFoundError(record.what, id);
    const last = stored[stored.length - 1];
    const state = fold(record.decider, stored.map((e) => toDomainEvent(e))) as Record<string, unknown>;
    return { category, id, asOf: asOf ?? null, version: last.streamVersion, lastChangedAt: last.recordedAt, state, events: stored.map(asView) };
  }
}
