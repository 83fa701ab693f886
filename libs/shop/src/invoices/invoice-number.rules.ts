/**
 * The tenant's invoice number sequence: one stream per tenant, one event per number, so an
 * invoice's number is the version of its event: consecutive, never given twice, never a gap.
 * Taken with `AggregateStore.takeNext`, which never reads the stream (it only grows): two
 * invoices issued at once both append at version n, the store refuses the second, which takes
 * n + 1. The invoice id is the append's idempotency key: asking again for the same invoice (a
 * retry after a crash between taking the number and issuing) gives the same number back.
 * Stream: `${tenantId}.invoice-number-${sequenceId}`.
 */
export const invoiceNumberStreamCategory = 'invoice-number' as const;
export const INVOICE_NUMBER_PREFIX = 'INV-';

/** INV-000123: six digits, more once past 999999. */
export const formatInvoiceNumber = (sequence: number): string => `${INVOICE_NUMBER_PREFIX}${String(sequence).padStart(6, '0')}`;

export interface InvoiceNumberAssigned {
  type: 'InvoiceNumberAssigned';
  data: { invoiceId: string; sequence: number; number: string; assignedAt: string };
}

export const invoiceNumberAssigned = (invoiceId: string, sequence: number, assignedAt: string): InvoiceNumberAssigned => ({
  type: 'InvoiceNumberAssigned',
  data: { invoiceId, sequence, number: formatInvoiceNumber(sequence), assignedAt },
});
