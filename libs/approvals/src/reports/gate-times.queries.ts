import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock, RequestContext, TenantDb, ValidationFailed } from '@workbay/platform';
import { GateTimesView } from './gate-times.dto';
import { gateTimesSql } from './gate-times.sql';

export { GATE_TIMES } from './gate-times.projection';

const DEFAULT_DAYS = 90;

export class ApprovalGateTimes extends Query<GateTimesView> {
  constructor(readonly type?: string, readonly from?: string, readonly to?: string) {
    super();
  }
}

// ISO-8601 allows years PostgreSQL refuses (year 0) or JS cannot hold: a report range stays in 1970..9999.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10_000, 0, 1);

function instant(value: string, field: string): Date {
  const at = new Date(value);
  const ms = at.getTime();
  if (Number.isNaN(ms) || ms < EARLIEST || ms >= LATEST) {
    throw new ValidationFailed([{ field, message: `${field} must be an ISO-8601 date or date-time between 1970 and 9999` }]);
  }
  return at;
}

@QueryHandler(ApprovalGateTimes)
export class ApprovalGateTimesHandler implements IQueryHandler<ApprovalGateTimes> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  async execute({ type, from, to }: ApprovalGateTimes): Promise<GateTimesView> {
    const end = to ? instant(to, 'to') : this.clock.now();
    const start = from ? instant(from, 'from') : new Date(end.getTime() - DEFAULT_DAYS * 86_400_000);
    if (start >= end) throw new ValidationFailed([{ field: 'to', message: `to must be after from (${start.toISOString()})` }]);
    const tenantId = this.context.tenantId;
    const range = { type, from: start.toISOString(), to: end.toISOString() };
    const [rows] = await this.db.batch([gateTimesSql(tenantId, range)], tenantId);
    return {
      type: type ?? null, from: range.from, to: range.to,
      gates: rows.map((r) => ({
        requestType: r.request_type, gateId: r.gate_id, decided: r.decided, approved: r.approved,
        medianSeconds: Number(r.median_seconds), p90Seconds: Number(r.p90_seconds), maxSeconds: Number(r.max_seconds),
      })),
    };
  }
}
