import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, EVENT_STORE, EventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { AggregateStore, Clock, IdGenerator, NotFoundError, RequestContext, toDomainEvent } from '@workbay/platform';
import { fold } from '@workbay/eventstore';
import { invoiceDecider } from '../invoices/invoice.decider';
import { InvoiceCredited, InvoiceEvent, invoiceStreamCategory } from '../invoices/invoice.events';
import { creditNoteDecider, invoiceEventsFor } from './credit-note.decider';
import { CreditNoteResultView, IssueCreditNoteInput } from './credit-note.dto';
import { CreditNoteIssued, creditNoteStreamCategory } from './credit-note.events';
import { creditNoteNumberAssigned, creditNoteNumberStreamCategory, formatCreditNoteNumber } from './credit-note-number.rules';

/** Lost writes (another credit note, a payment, a refund on the same invoice) re-read and re-decided before the request gets 409. */
const ATTEMPTS = 12;

/**
 * Issues a credit note against an issued invoice. One all-or-nothing write (`appendAtomically`)
 * appends the credit note's `CreditNoteIssued` (a new stream), the invoice's `InvoiceCredited`
 * (expecting the invoice's version as read) and the next number of the tenant's credit-note series
 * (expecting the series' head). So the invoice stream is the consistency boundary: two credit notes
 * (or a credit note and a payment) decided on the same invoice version cannot both land; the loser
 * reads again and is decided again on what the winner left, and is refused (422) when too little is
 * left. A number is taken only by a credit note that lands: the series has no gaps.
 * PostgreSQL event store only: the EventStoreDB adapter has no multi-stream atomic append.
 */
export class IssueCreditNote extends Command<CreditNoteResultView> {
  constructor(readonly invoiceId: string, readonly input: IssueCreditNoteInput) {
    super();
  }
}

@CommandHandler(IssueCreditNote)
export class IssueCreditNoteHandler implements ICommandHandler<IssueCreditNote> {
  /** Last version seen of each tenant's number series, in this process (a miss costs one conflict). */
  private readonly seriesHeads = new Map<string, number>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly aggregates: AggregateStore,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ invoiceId, input }: IssueCreditNote): Promise<CreditNoteResultView> {
    const tenantId = this.context.tenantId;
    const key = this.context.idempotencyKey;
    // Under an Idempotency-Key the id follows from it, so a retry reaches the same stream and its key.
    const creditNoteId = key ? this.aggregates.derivedId(creditNoteStreamCategory, key) : this.ids.next();
    const invoiceStream = streamIdFor(tenantId, invoiceStreamCategory, invoiceId);
    const seriesStream = streamIdFor(tenantId, creditNoteNumberStreamCategory, this.aggregates.derivedId(creditNoteNumberStreamCategory, 'sequence'));
    const creditNoteStream = streamIdFor(tenantId, creditNoteStreamCategory, creditNoteId);
    const metadata = { actor: this.context.actor, correlationId: this.context.correlationId, causationId: this.context.causationId, commandId: key };

    for (let attempt = 1; ; attempt++) {
      const stored = await this.store.readStream(tenantId, invoiceStream);
      if (stored.length === 0) throw new NotFoundError('invoice', invoiceId);
      const earlier = key ? earlierCredit(stored, key) : undefined;
      if (earlier) return { id: earlier.data.creditNoteId, number: earlier.data.number, streamVersion: 1, position: earlier.position };
      const invoice = fold(invoiceDecider, stored.map((e) => toDomainEvent<InvoiceEvent>(e)));
      if (invoice.status === 'none') throw new NotFoundError('invoice', invoiceId);
      const invoiceVersion = stored[stored.length - 1].streamVersion;
      const seriesHead = this.seriesHeads.get(seriesStream) ?? 0;
      const number = formatCreditNoteNumber(seriesHead + 1);
      const now = this.clock.now().toISOString();
      const [issued] = creditNoteDecider.decide({
        type: 'IssueCreditNote', creditNoteId, number, invoice, reason: input.reason, note: input.note ?? null, lines: input.lines ?? [],
        issuedAt: now, actor: metadata.actor,
      }, creditNoteDecider.initialState()) as CreditNoteIssued[];
      const outcome = await this.store.appendAtomically(tenantId, [
        { streamId: creditNoteStream, expectedVersion: 0, events: [issued], idempotencyKey: key ? `${creditNoteStreamCategory}:${creditNoteId}:${key}` : undefined },
        { streamId: invoiceStream, expectedVersion: invoiceVersion, events: invoiceEventsFor(issued.data, invoice) },
        { streamId: seriesStream, expectedVersion: seriesHead, events: [creditNoteNumberAssigned(creditNoteId, seriesHead + 1, now)] },
      ], metadata);
      if (outcome.status === 'appended') {
        this.seriesHeads.set(seriesStream, seriesHead + 1);
        return { id: creditNoteId, number, streamVersion: outcome.results[0].streamVersion, position: Math.max(...outcome.results.map((r) => r.globalPosition)) };
      }
      if (outcome.status === 'duplicate') return this.earlierRun(creditNoteId, outcome.globalPosition);
      const series = outcome.conflicts.find((c) => c.streamId === seriesStream);
      if (series) this.seriesHeads.set(seriesStream, series.streamVersion);
      if (attempt >= ATTEMPTS) {
        const c = outcome.conflicts[0];
        throw new ConcurrencyError(c.streamId, c.streamId === invoiceStream ? invoiceVersion : seriesHead, c.streamVersion);
      }
      // Only the series moved: the next attempt knows its head and wins unless someone else is faster.
      if (!outcome.conflicts.some((c) => c.streamId === invoiceStream) && series) continue;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }

  /** The answer of the first run of this Idempotency-Key (its response was lost): the credit note it wrote. */
  private async earlierRun(creditNoteId: string, position: number): Promise<CreditNoteResultView> {
    const { state, version } = await this.aggregates.load(creditNoteDecider, creditNoteStreamCategory, creditNoteId, { what: 'credit note' });
    return { id: creditNoteId, number: state.status === 'issued' ? state.number : '', streamVersion: version, position };
  }
}

function earlierCredit(stored: StoredEvent[], commandId: string): { data: InvoiceCredited['data']; position: number } | undefined {
  const e = stored.find((s) => s.type === 'InvoiceCredited' && s.metadata?.commandId === commandId);
  return e ? { data: e.data as InvoiceCredited['data'], position: e.globalPosition } : undefined;
}
