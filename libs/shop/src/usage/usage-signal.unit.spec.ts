import { StoredEvent } from '@workbay/eventstore';
import { given } from '@workbay/eventstore/testing';
import { InvalidUsageSignal, SignalUsage, UsageAlreadySignalled, usageSignalDecider } from './usage-signal.decider';
import { BillableUsageSignalled } from './usage-signal.events';
import { usageIn, usageSignals } from './usage-signals.process';

const source = { eventId: 'evt-1', type: 'CustomerRegistered', streamId: 't.customer-1' };
const signal = (overrides: Partial<SignalUsage> = {}): SignalUsage => ({
  type: 'SignalUsage', signalId: 'sig-1', metric: 'shop.customers_created', quantity: 1, currency: null, source,
  occurredAt: '2025-05-01T09:00:00.000Z', ...overrides,
});
const signalled: BillableUsageSignalled = {
  type: 'BillableUsageSignalled',
  data: { signalId: 'sig-1', metric: 'shop.customers_created', quantity: 1, currency: null, source, occurredAt: '2025-05-01T09:00:00.000Z' },
};

const stored = (type: string, data: unknown): StoredEvent => ({
  eventId: 'evt-9', tenantId: 't', streamId: 't.x-1', streamVersion: 1, globalPosition: 9, type, data: data as Record<string, unknown>,
  metadata: {}, recordedAt: '2025-05-01T09:00:01.000Z', hash: '', previousHash: '',
} as unknown as StoredEvent);

describe('usage signal', () => {
  it('signals a usage once and refuses it a second time', () => {
    given(usageSignalDecider).when(signal()).then([signalled]);
    given(usageSignalDecider, [signalled]).when(signal()).thenThrows(UsageAlreadySignalled, { kind: 'conflict' });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the quantity %p, naming the field', (quantity) => {
    given(usageSignalDecider).when(signal({ quantity })).thenThrows(InvalidUsageSignal, { field: 'quantity' });
  });

  it('refuses an unknown metric', () => {
    given(usageSignalDecider).when(signal({ metric: 'shop.vibes' as SignalUsage['metric'] })).thenThrows(InvalidUsageSignal, { field: 'metric' });
  });
});

describe('billable usage in shop events', () => {
  it('counts a registered customer at the time of registration, citing the source event', () => {
    expect(usageIn(stored('CustomerRegistered', { customerId: 'c', registeredAt: '2025-05-01T09:00:00.000Z' }))).toEqual([{
      metric: 'shop.customers_created', quantity: 1, currency: null,
      source: { eventId: 'evt-9', type: 'CustomerRegistered', streamId: 't.x-1' }, occurredAt: '2025-05-01T09:00:00.000Z',
    }]);
  });

  it('counts an opened repair order as a ticket', () => {
    expect(usageIn(stored('RepairOrderOpened', { repairOrderId: 'ro', openedAt: '2025-05-02T10:00:00.000Z' })))
      .toEqual([expect.objectContaining({ metric: 'shop.tickets_created', quantity: 1, occurredAt: '2025-05-02T10:00:00.000Z' })]);
  });

  it('meters a Stripe payment by its amount in minor units and currency, and no other payment method', () => {
    const paid = (method: string) => stored('PaymentRecorded', {
      invoiceId: 'i', paymentId: 'p', method, amount: { amountMinor: 118_000, currency: 'INR' }, reference: 'pi_1', receivedAt: '2025-05-03T10:00:00.000Z',
    });
    expect(usageIn(paid('stripe'))).toEqual([expect.objectContaining({
      metric: 'shop.stripe_paid_amount', quantity: 118_000, currency: 'INR', occurredAt: '2025-05-03T10:00:00.000Z',
    })]);
    for (const method of ['cash', 'check', 'card_present', 'other']) expect(usageIn(paid(method))).toEqual([]);
  });

  it('meters money refunded on a Stripe payment as its own metric, so metering can net it; no other method, nor an old refund without one', () => {
    const refunded = (method?: string) => stored('PaymentRefunded', {
      invoiceId: 'i', paymentId: 'p', refundId: 'r', amount: { amountMinor: 20_000, currency: 'INR' }, ...(method ? { method } : {}),
      reason: null, reference: 're_1', refundedAt: '2025-05-04T10:00:00.000Z',
    });
    expect(usageIn(refunded('stripe'))).toEqual([expect.objectContaining({
      metric: 'shop.stripe_refunded_amount', quantity: 20_000, currency: 'INR', occurredAt: '2025-05-04T10:00:00.000Z',
    })]);
    for (const method of ['cash', 'card_present', undefined]) expect(usageIn(refunded(method))).toEqual([]);
  });

  it('finds no usage in other events, and listens to every event type it maps', () => {
    expect(usageIn(stored('QuoteSent', {}))).toEqual([]);
    const billable = ['CustomerRegistered', 'RepairOrderOpened', 'PaymentRecorded', 'PaymentRefunded']
      .filter((type) => usageIn(stored(type, { method: 'stripe', amount: { amountMinor: 1, currency: 'INR' } })).length > 0);
    expect([...usageSignals.eventTypes].sort()).toEqual(billable.sort());
  });
});
