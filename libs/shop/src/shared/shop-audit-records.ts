import type { AuditableRecord } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { householdDecider } from '../households/household.decider';
import { householdStreamCategory } from '../households/household.events';
import { creditNoteDecider } from '../credit-notes/credit-note.decider';
import { creditNoteStreamCategory } from '../credit-notes/credit-note.events';
import { invoiceDecider } from '../invoices/invoice.decider';
import { invoiceStreamCategory } from '../invoices/invoice.events';
import { cannedJobDecider } from '../job-catalog/canned-job.decider';
import { cannedJobStreamCategory } from '../job-catalog/canned-job.events';
import { locationDecider } from '../locations/location.decider';
import { locationStreamCategory } from '../locations/location.events';
import { quoteDecider } from '../quotes/quote.decider';
import { quoteStreamCategory } from '../quotes/quote.events';
import { repairOrderDecider } from '../repair-orders/repair-order.decider';
import { repairOrderStreamCategory } from '../repair-orders/repair-order.events';
import { vehicleDecider } from '../vehicles/vehicle.decider';
import { vehicleStreamCategory } from '../vehicles/vehicle.events';

const record = (category: string, what: string, decider: { initialState: () => unknown; evolve: (s: never, e: never) => unknown }) =>
  ({ category, what, decider }) as AuditableRecord;

/** The shop's records an auditor can see as they stood at any instant (`/audit/records/{category}/{id}`). */
export const SHOP_AUDITABLE_RECORDS: readonly AuditableRecord[] = [
  record(customerStreamCategory, 'customer', customerDecider),
  record(householdStreamCategory, 'household', householdDecider),
  record(vehicleStreamCategory, 'vehicle', vehicleDecider),
  record(locationStreamCategory, 'location', locationDecider),
  record(cannedJobStreamCategory, 'canned job', cannedJobDecider),
  record(quoteStreamCategory, 'quote', quoteDecider),
  record(repairOrderStreamCategory, 'repair order', repairOrderDecider),
  record(invoiceStreamCategory, 'invoice', invoiceDecider),
  record(creditNoteStreamCategory, 'credit note', creditNoteDecider),
];
