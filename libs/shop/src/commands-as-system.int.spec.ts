import { Test, TestingModule } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { ClsModule } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createPgFixture, PgFixture } from '@workbay/eventstore/testing';
import { AggregateStore, Clock, IdGenerator, RequestContext, UuidGenerator } from '@workbay/platform';
import { RegisterCustomer, RegisterCustomerHandler } from './customers/register-customer';
import { customerStreamCategory } from './customers/customer.events';
import { DeclineQuote, DeclineQuoteHandler } from './quotes/decline-quote';
import { quoteDecider } from './quotes/quote.decider';
import { quoteStreamCategory } from './quotes/quote.events';
import { QuoteLineSource } from './quotes/quote-line-source';
import { ReviseQuote, ReviseQuoteHandler } from './quotes/revise-quote';
import { SendQuote, SendQuoteHandler } from './quotes/send-quote';
import { QuoteDiscountThresholds } from './quotes/quote-discount-threshold';
import { ApproveWork, ApproveWorkHandler } from './repair-orders/approve-work';
import { repairOrderDecider } from './repair-orders/repair-order.decider';
import { ReviewerRoleRequired } from './repair-orders/repair-order.errors';
import { repairOrderStreamCategory } from './repair-orders/repair-order.events';
import { brakes, open, pads } from './repair-orders/repair-order.fixtures';

/** The time the test says it is. */
class PinnedClock extends Clock {
  constructor(public at: string) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

/**
 * The shop's user-facing commands driven as a process manager, timer or webhook drives them:
 * through the command bus, inside `runAsSystemFor`, with no principal. Each is stamped with the
 * `system:<component>` actor and the injected clock's time (a handler that read the principal
 * threw UnauthenticatedError here).
 */
describe('shop commands sent by system work (no principal)', () => {
  let pg: PgFixture;
  let app: TestingModule;
  let commands: CommandBus;
  let context: RequestContext;
  const clock = new PinnedClock('2026-05-01T08:00:00.000Z');
  const tenantId = randomUUID();
  const as = <T>(actor: string, fn: () => Promise<T>) => context.runAsSystemFor(tenantId, { actor }, fn);
  const streamOf = (category: string, id: string): Promise<StoredEvent[]> => pg.store.readStream(tenantId, streamIdFor(tenantId, category, id));

  beforeAll(async () => {
    pg = await createPgFixture('shopsystem');
    app = await Test.createTestingModule({
      imports: [CqrsModule.forRoot(), ClsModule.forRoot({ global: true })],
      providers: [
        { provide: EVENT_STORE, useValue: pg.store },
        { provide: Clock, useValue: clock },
        { provide: IdGenerator, useClass: UuidGenerator },
        RequestContext, AggregateStore, QuoteLineSource, QuoteDiscountThresholds,
        RegisterCustomerHandler, SendQuoteHandler, DeclineQuoteHandler, ReviseQuoteHandler, ApproveWorkHandler,
      ],
    }).compile();
    await app.init();
    commands = app.get(CommandBus);
    context = app.get(RequestContext);
  });
  afterAll(async () => {
    await app?.close();
    await pg?.close();
  });

  /** A draft quote, written straight through the helper with a plain command stamped by hand. */
  async function draftQuote(): Promise<string> {
    const quoteId = randomUUID();
    await as('system:test', () => app.get(AggregateStore).execute(quoteDecider, quoteStreamCategory, quoteId, {
      type: 'CreateQuote', quoteId, customerId: randomUUID(), vehicleId: randomUUID(), currency: 'INR', lines: [brakes],
      createdAt: '2026-04-30T10:00:00.000Z', actor: 'system:test',
    }));
    return quoteId;
  }

  it('registers a customer from an import job, stamped system:import at the clock time', async () => {
    clock.at = '2026-05-01T08:00:00.000Z';
    const { id } = await as('system:import', () => commands.execute(new RegisterCustomer({ firstName: 'Asha', lastName: 'Rao', email: 'asha@example.com' })));
    const [registered] = await streamOf(customerStreamCategory, id);
    expect(registered.type).toBe('CustomerRegistered');
    expect(registered.metadata.actor).toBe('system:import');
    expect(registered.data).toMatchObject({ registeredAt: '2026-05-01T08:00:00.000Z' });
  });

  it('sends a quote from a reminder and declines it from an expiry timer, each with its component and its time', async () => {
    const quoteId = await draftQuote();
    clock.at = '2026-05-01T09:00:00.000Z';
    await as('system:quote-reminders', () => commands.execute(new SendQuote(quoteId, { channel: 'email' })));
    clock.at = '2026-05-15T00:00:00.000Z';
    await as('system:quote-expiry', () => commands.execute(new DeclineQuote(quoteId, { channel: 'portal', reason: 'expired' })));

    const [, sent, declined] = await streamOf(quoteStreamCategory, quoteId);
    expect([sent.type, sent.metadata.actor, sent.data]).toEqual(['QuoteSent', 'system:quote-reminders', { quoteId, sentAt: '2026-05-01T09:00:00.000Z', channel: 'email' }]);
    expect([declined.type, declined.metadata.actor, declined.data]).toEqual([
      'QuoteDeclined', 'system:quote-expiry', { quoteId, reason: 'expired', channel: 'portal', declinedAt: '2026-05-15T00:00:00.000Z' },
    ]);
  });

  it('revises a quote (a handler that prices lines before deciding) reading the quote stream once', async () => {
    const quoteId = await draftQuote();
    const reads = jest.spyOn(pg.store, 'readStream');
    clock.at = '2026-05-02T12:30:00.000Z';
    await as('system:price-list', () => commands.execute(new ReviseQuote(quoteId, { lines: [{ ...pads, lineId: undefined }], reason: 'new price list' })));
    const quoteReads = reads.mock.calls.filter(([, streamId]) => streamId === streamIdFor(tenantId, quoteStreamCategory, quoteId));
    reads.mockRestore();
    expect(quoteReads).toHaveLength(1);

    const [, revised] = await streamOf(quoteStreamCategory, quoteId);
    expect(revised.type).toBe('QuoteRevised');
    expect(revised.metadata.actor).toBe('system:price-list');
    expect(revised.data).toMatchObject({ quoteId, revision: 2, reason: 'new price list', revisedAt: '2026-05-02T12:30:00.000Z' });
    expect((revised.data as { lines: { description: string }[] }).lines.map((l) => l.description)).toEqual([pads.description]);
  });

  it('refuses work approval from a system component as a non-reviewer (403), not as a missing login', async () => {
    const repairOrderId = randomUUID();
    await as('system:test', () => app.get(AggregateStore).execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, open({ repairOrderId })));
    const approval = as('system:auto-approve', () => commands.execute(new ApproveWork(repairOrderId)));
    await expect(approval).rejects.toBeInstanceOf(ReviewerRoleRequired);
    await expect(approval).rejects.toThrow(/system:auto-approve cannot approve work/);
  });
});
