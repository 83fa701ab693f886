import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { AppConfig, AppError, Clock, RequestContext, ValidationFailed } from '@workbay/platform';
import { meterForEventType } from '../meters/meters';
import { readUsageEnvelope, UsageFormat } from './usage-envelope.rules';
import { usageDecider } from './usage.decider';
import { usageStreamCategory } from './usage.events';

/** Events one request may carry (REST batch, CloudEvents batch, GraphQL): more is a 413. */
export const MAX_USAGE_BATCH = 1000;

export type UsageItemResult =
  | { index: number; id: string; status: 'accepted'; period: string; position: number }
  | { index: number; id: string; status: 'duplicate' }
  | { index: number; id: string | null; status: 'rejected'; code: string; field: string; reason: string };

export interface UsageBatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Global position of the last event written (0 when none was): pass as X-Min-Position to read it. */
  position: number;
  results: UsageItemResult[];
}

/**
 * Records a batch of usage events (one is a batch of one), each judged alone: an item that
 * breaks a rule is `rejected` with its field, one whose id the tenant already recorded (or that
 * repeats an earlier item of the batch) is `duplicate`, the rest are appended in one call.
 */
export class RecordUsage extends Command<UsageBatchResult> {
  constructor(readonly items: unknown[], readonly format: UsageFormat) {
    super();
  }
}

export class UsageBatchTooLarge extends AppError {
  readonly status = 413;
  readonly code = 'USAGE_BATCH_TOO_LARGE';
  constructor(got: number) {
    super(`at most ${MAX_USAGE_BATCH} usage events per request, got ${got}`, [{ field: 'body', message: `at most ${MAX_USAGE_BATCH} usage events per request` }]);
  }
}

/**
 * Exactly-once per tenant and id, forever, without a lookup: each usage event is the first and
 * only event of its own stream (`usage-{id}`), appended with expected version 0, so the stream's
 * primary key decides a duplicate, also between concurrent requests. The decider runs against
 * the unrecorded state that expectation stands for; a conflict means the id was recorded.
 */
@CommandHandler(RecordUsage)
export class RecordUsageHandler implements ICommandHandler<RecordUsage> {
  private readonly lateGraceMs: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.lateGraceMs = config.USAGE_LATE_GRACE_HOURS * 3_600_000;
  }

  async execute({ items, format }: RecordUsage): Promise<UsageBatchResult> {
    if (items.length > MAX_USAGE_BATCH) throw new UsageBatchTooLarge(items.length);
    const tenantId = this.context.tenantId;
    const now = this.clock.now().toISOString();
    const state = usageDecider.initialState();
    const results: UsageItemResult[] = new Array(items.length);
    const toAppend: { index: number; id: string; period: string; event: { type: string; data: unknown } }[] = [];
    const inBatch = new Set<string>();
    /** Items a rule refused (e.g. their period closed): if their id was recorded before, they are duplicates, not errors. */
    const refusedByRule: number[] = [];
    for (const [index, raw] of items.entries()) {
      const read = readUsageEnvelope(raw, format);
      if (!read.ok) {
        const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : null;
        results[index] = { index, id, status: 'rejected', code: 'VALIDATION_FAILED', field: read.problem.field, reason: read.problem.message };
        continue;
      }
      const { submission } = read;
      try {
        const [event] = usageDecider.decide({ type: 'RecordUsage', submission, meter: meterForEventType(submission.type), now, lateGraceMs: this.lateGraceMs }, state);
        if (inBatch.has(submission.id)) {
          results[index] = { index, id: submission.id, status: 'duplicate' };
          continue;
        }
        inBatch.add(submission.id);
        toAppend.push({ index, id: submission.id, period: event.data.period, event });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = (error as DomainError & { field?: string }).field ?? 'body';
        results[index] = { index, id: submission.id, status: 'rejected', code: error.code, field, reason: error.message };
        if (!inBatch.has(submission.id)) refusedByRule.push(index);
      }
    }
    await this.answerRecordedAsDuplicates(tenantId, results, refusedByRule);
    let position = 0;
    if (toAppend.length > 0) {
      const key = this.context.idempotencyKey;
      const written = await this.store.appendMany(
        tenantId,
        toAppend.map((a) => ({ streamId: streamIdFor(tenantId, usageStreamCategory, a.id), events: [a.event], expectedVersion: 0 })),
        { actor: this.context.actor, correlationId: this.context.correlationId, causationId: this.context.causationId, commandId: key },
      );
      for (const [i, a] of toAppend.entries()) {
        const w = written[i];
        if (w.status === 'appended') {
          results[a.index] = { index: a.index, id: a.id, status: 'accepted', period: a.period, position: w.globalPosition };
          position = Math.max(position, w.globalPosition);
        } else {
          results[a.index] = { index: a.index, id: a.id, status: 'duplicate' };
        }
      }
    }
    let accepted = 0;
    let duplicates = 0;
    for (const r of results) r.status === 'accepted' ? accepted++ : r.status === 'duplicate' && duplicates++;
    return { accepted, duplicates, rejected: results.length - accepted - duplicates, position, results };
  }

  /**
   * A duplicate is a duplicate at any time: an event recorded in a period that has since closed,
   * sent again, is dropped as `duplicate`, not refused as late (the emitter's retry after an
   * outage must not look like an error). Only items a rule refused are looked up: the rare path.
   */
  private async answerRecordedAsDuplicates(tenantId: string, results: UsageItemResult[], refused: number[]): Promise<void> {
    for (let i = 0; i < refused.length; i += RECORDED_CHECKS_AT_ONCE) {
      await Promise.all(refused.slice(i, i + RECORDED_CHECKS_AT_ONCE).map(async (index) => {
        const id = results[index].id as string;
        const recorded = await this.store.readStream(tenantId, streamIdFor(tenantId, usageStreamCategory, id));
        if (recorded.length > 0) results[index] = { index, id, status: 'duplicate' };
      }));
    }
  }
}

/** Streams read at once when checking whether refused items were recorded before. */
const RECORDED_CHECKS_AT_ONCE = 16;

/** One usage event's answer as the single-event endpoints give it: a rejection is the error it names. */
export function singleResult(batch: UsageBatchResult): UsageItemResult {
  const [only] = batch.results;
  if (only.status !== 'rejected') return only;
  const fields = [{ field: only.field, message: only.reason }];
  if (only.code === 'VALIDATION_FAILED') throw new ValidationFailed(fields);
  throw new UsageRuleRefused(only.code, only.reason, fields);
}

/** A single event's business-rule refusal (422), carrying the decider's code and field. */
export class UsageRuleRefused extends AppError {
  readonly status = 422;
  constructor(readonly code: string, message: string, fields: { field: string; message: string }[]) {
    super(message, fields);
  }
}
