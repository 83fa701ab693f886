/** A small issued invoice the invoice deciders' specs start from (test-only). */
import { QuoteLine } from '../quotes/quote.events';
import { invoiceDecider } from './invoice.decider';
import { InvoiceEvent } from './invoice.events';

export const at = (hhmm: string) => `2025-03-01T${hhmm}:00.000Z`;
// Pads 3,500.00 + 18% GST = 4,130.00 INR.
export const pads: QuoteLine = { lineId: 'l1', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
export const TOTAL = 413_000;
/** INV-000001 for the pads, issued at 12:00 in Karnataka (GST). */
export const issued = invoiceDecider.decide({
  type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001',
  repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR', lines: [pads] },
  jurisdiction: { kind: 'IN_GST', stateCode: '29' }, issuedAt: at('12:00'), actor: 'advisor-asha',
}, invoiceDecider.initialState()) as InvoiceEvent[];
