import { StoredEvent } from '@workbay/eventstore';
import { ProcessManager } from '@workbay/platform';
import type { CustomerRegistered } from '../customers/customer.events';
import type { PaymentRecorded, PaymentRefunded } from '../invoices/invoice.events';
import type { RepairOrderOpened } from '../repair-orders/repair-order.events';
import { SignalBillableUsage, UsageToSignal } from './signal-billable-usage';

/** The billable usage in one shop event; empty for events that are not billable. */
export function usageIn(event: StoredEvent): UsageToSignal[] {
  const source = { eventId: event.eventId, type: event.type, streamId: event.streamId };
  switch (event.type) {
    case 'CustomerRegistered': {
      const data = event.data as CustomerRegistered['data'];
      return [{ metric: 'shop.customers_created', quantity: 1, currency: null, source, occurredAt: data.registeredAt }];
    }
    case 'RepairOrderOpened': {
      const data = event.data as RepairOrderOpened['data'];
      return [{ metric: 'shop.tickets_created', quantity: 1, currency: null, source, occurredAt: data.openedAt }];
    }
    case 'PaymentRecorded': {
      const data = event.data as PaymentRecorded['data'];
      if (data.method !== 'stripe') return [];
      return [{ metric: 'shop.stripe_paid_amount', quantity: data.amount.amountMinor, currency: data.amount.currency, source, occurredAt: data.receivedAt }];
    }
    case 'PaymentRefunded': {
      const data = event.data as PaymentRefunded['data'];
      if (data.method !== 'stripe') return [];
      return [{ metric: 'shop.stripe_refunded_amount', quantity: data.amount.amountMinor, currency: data.amount.currency, source, occurredAt: data.refundedAt }];
    }
    default:
      return [];
  }
}

/** Publishes the shop's billable usage as BillableUsageSignalled events for metering to project. */
export const usageSignals: ProcessManager = {
  name: 'shop.usage-signals',
  eventTypes: ['CustomerRegistered', 'RepairOrderOpened', 'PaymentRecorded', 'PaymentRefunded'],
  react: (event) => usageIn(event).map((usage) => new SignalBillableUsage(usage)),
};
