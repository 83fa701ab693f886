/**
 * The tenant's invoice number sequence: one stream per tenant, one event per number, so numbers
 * are consecutive and never given twice. Two invoices issued at once both read version n and
 * append at n: the store refuses the second (expected version), whose handler reads again and
 * takes the next number. A number belongs to an invoice id: asking again for the same invoice
 * (a retry after a crash between reserving the number and issuing) gives the same number back
 * instead of leaving a gap. Stream: `${tenantId}.invoice-number-${sequenceId}`.
 */
import { Decider } from '@workbay/eventstore';

export const invoiceNumberStreamCategory = 'invoice-number' as const;
export const INVOICE_NUMBER_PREFIX = 'INV-';

/** INV-000123: six digits, more once past 999999. */
export const formatInvoiceNumber = (sequence: number): string => `${INVOICE_NUMBER_PREFIX}${String(sequence).padStart(6, '0')}`;

export interface AssignInvoiceNumber {
  type: 'AssignInvoiceNumber';
  invoiceId: string;
  assignedAt: string;
  actor: string;
}

export interface InvoiceNumberAssigned {
  type: 'InvoiceNumberAssigned';
  data: { invoiceId: string; sequence: number; number: string; assignedAt: string };
}

export interface InvoiceNumberState {
  /** The last sequence number given; 0 before the first. */
  last: number;
  /**
   * invoice id -> number. evolve adds to this map in place: a fold owns the state it starts from
   * (initialState() is new each time), and copying the map per event would make reading a
   * sequence of n numbers cost n^2.
   */
  byInvoice: Map<string, string>;
}

export const invoiceNumberDecider: Decider<InvoiceNumberState, AssignInvoiceNumber, InvoiceNumberAssigned> = {
  initialState: () => ({ last: 0, byInvoice: new Map() }),
  decide(command, state) {
    if (state.byInvoice.has(command.invoiceId)) return [];
    const sequence = state.last + 1;
    return [{ type: 'InvoiceNumberAssigned', data: { invoiceId: command.invoiceId, sequence, number: formatInvoiceNumber(sequence), assignedAt: command.assignedAt } }];
  },
  evolve(state, event) {
    if (event.type !== 'InvoiceNumberAssigned') return state;
    state.byInvoice.set(event.data.invoiceId, event.data.number);
    return { last: Math.max(state.last, event.data.sequence), byInvoice: state.byInvoice };
  },
};
