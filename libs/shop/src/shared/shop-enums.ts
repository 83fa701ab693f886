import { graphqlEnum } from '@workbay/platform';
import { CREDIT_NOTE_REASONS } from '../credit-notes/credit-note.events';
import { PaymentIntentStatus } from '@workbay/payments/contract';
import { CANNED_JOB_STATUSES } from '../job-catalog/canned-job.decider';
import { INVOICE_STATUSES } from '../invoices/invoice.errors';
import { DISPUTE_STATUSES, FAILED_REFUND_STATUSES, PAYMENT_METHODS } from '../invoices/invoice.events';
import { TAX_CATEGORIES, TAX_KINDS, TaxComponentName } from '../invoices/tax-jurisdiction.rules';
import { TAX_ID_SCHEMES } from '../invoices/tax-id.rules';
import { RECIPIENT_SOURCES } from '../invoices/place-of-supply.rules';
import { LOCATION_STATUSES } from '../locations/location.decider';
import { QUOTE_LINE_DECISIONS, QUOTE_STATUSES } from '../quotes/quote.decider';
import { QUOTE_CHANNELS, QUOTE_LINE_KINDS } from '../quotes/quote.events';
import { REPAIR_ORDER_LINE_STATUSES, REPAIR_ORDER_STATUSES } from '../repair-orders/repair-order.errors';

/** The shop's GraphQL enums, one per domain value list. */

export const QuoteStatusEnum = graphqlEnum('QuoteStatus', 'Where a quote is in its life', QUOTE_STATUSES, {
  draft: 'being written or revised; not sent since',
  sent: "sent to the customer, awaiting their decision",
  approved: 'approved in full or in part (the declined lines are deferred)',
  declined: 'declined in full',
});

export const QuoteChannelEnum = graphqlEnum('QuoteChannel', 'How a quote reached the customer, or how their answer came back', QUOTE_CHANNELS, {
  in_person: 'at the counter',
  phone: 'by telephone',
  sms: 'by text message',
  email: 'by e-mail',
  portal: 'through the customer portal',
});

export const LineKindEnum = graphqlEnum('LineKind', 'What a quote, repair order or invoice line sells', QUOTE_LINE_KINDS, {
  labor: 'labor: quantity is sold hours',
  part: 'a part: quantity is units',
});

export const QuoteLineDecisionEnum = graphqlEnum('QuoteLineDecision', "The customer's decision on one quote line", QUOTE_LINE_DECISIONS, {
  pending: 'not decided yet',
  approved: 'approved: it goes on the repair order',
  declined: 'declined: deferred for a follow-up',
});

export const RepairOrderStatusEnum = graphqlEnum('RepairOrderStatus', 'Where a repair order is on the shop floor', REPAIR_ORDER_STATUSES, {
  open: 'work to do or under way',
  awaiting_review: "every line completed, waiting for the advisor's review",
  approved: "work approved by the advisor; ready to invoice",
});

export const RepairOrderLineStatusEnum = graphqlEnum('RepairOrderLineStatus', 'Where one repair order line is', REPAIR_ORDER_LINE_STATUSES, {
  pending: 'no technician assigned',
  assigned: 'technicians assigned, not started',
  in_progress: 'a technician has clocked in on it',
  completed: 'signed off by its technician',
});

export const InvoiceStatusEnum = graphqlEnum('InvoiceStatus', 'Where an invoice is in its life', INVOICE_STATUSES, {
  issued: 'issued, nothing paid',
  partially_paid: 'some of the grand total paid',
  paid: 'the balance due is 0',
  void: 'voided: it keeps its number, the repair order can be invoiced again',
});

export const PaymentMethodEnum = graphqlEnum('PaymentMethod', 'How a payment was received', PAYMENT_METHODS, {
  cash: 'cash at the counter',
  check: 'a check',
  card_present: 'a card on a terminal in the shop',
  other: 'any other way (bank transfer, ...)',
  stripe: 'online through Stripe (recorded from its webhook)',
});

export const TaxJurisdictionKindEnum = graphqlEnum('TaxJurisdictionKind', "Which tax a location's invoices carry", TAX_KINDS, {
  IN_GST: 'India GST: CGST + SGST within the state, IGST to another state',
  EU_VAT: 'EU VAT of one member state',
  US_SALES_TAX: 'US sales tax at one rate',
  JP_CONSUMPTION_TAX: "Japan consumption tax: 10% standard, 8% on lines in the reduced category",
  NONE: 'no tax',
});

const TAX_COMPONENT_NAMES: Record<TaxComponentName, string> = {
  CGST: 'India: central GST (within a state)',
  SGST: 'India: state GST (within a state)',
  UTGST: 'India: union territory GST',
  IGST: 'India: integrated GST (to another state)',
  VAT: 'EU value added tax',
  SALES_TAX: 'US sales tax',
  CONSUMPTION_TAX: 'Japan consumption tax (one entry per rate)',
};
export const TaxComponentNameEnum = graphqlEnum('TaxComponentName', 'One tax on an invoice', Object.keys(TAX_COMPONENT_NAMES) as TaxComponentName[], TAX_COMPONENT_NAMES);

export const LocationStatusEnum = graphqlEnum('LocationStatus', 'Whether a location takes work', LOCATION_STATUSES, {
  open: 'open: takes quotes, repair orders and invoices',
  closed: 'closed: kept for its history',
});

export const CannedJobStatusEnum = graphqlEnum('CannedJobStatus', 'Whether a canned job can be quoted', CANNED_JOB_STATUSES, {
  active: 'can be added to quotes',
  retired: 'kept for history; cannot be quoted',
});

const PAYMENT_INTENT_STATUSES: Record<PaymentIntentStatus, string> = {
  requires_payment_method: 'waiting for the customer to enter a payment method',
  requires_confirmation: 'waiting for confirmation',
  requires_action: 'the customer must complete an action (e.g. 3-D Secure)',
  processing: 'being processed by Stripe',
  requires_capture: 'authorized, to be captured',
  canceled: 'canceled',
  succeeded: 'paid (the payment is recorded from the webhook)',
};
export const PaymentIntentStatusEnum = graphqlEnum(
  'PaymentIntentStatus', "A Stripe PaymentIntent's status, as Stripe reports it",
  Object.keys(PAYMENT_INTENT_STATUSES) as PaymentIntentStatus[], PAYMENT_INTENT_STATUSES,
);

export const DisputeStatusEnum = graphqlEnum('DisputeStatus', "A Stripe dispute's (chargeback's) status, as Stripe reports it", DISPUTE_STATUSES, {
  warning_needs_response: "an inquiry from the customer's bank, no funds withdrawn yet; evidence can be given",
  warning_under_review: 'an inquiry under review, no funds withdrawn',
  warning_closed: 'an inquiry closed without becoming a chargeback',
  needs_response: 'a chargeback: the funds are withdrawn and evidence is due',
  under_review: 'evidence given, the bank is deciding; the funds stay withdrawn',
  won: 'decided for the shop: the funds are reinstated',
  lost: 'decided for the customer: the funds stay withdrawn for good',
});

export const RecipientSourceEnum = graphqlEnum('RecipientSource', "Whose billing details an invoice's buyer details are", RECIPIENT_SOURCES, {
  customer: "the customer's own (or none: the customer had none, nor had their household)",
  household: "the customer's household's: the customer had none of their own",
});

export const RefundFailureStatusEnum = graphqlEnum('RefundFailureStatus', "How a booked Stripe refund ended without the money going back, as Stripe reports it", FAILED_REFUND_STATUSES, {
  failed: "Stripe could not give the money back (the customer's card or bank refused it): the money is the shop's again",
  canceled: 'the refund was canceled before it went through: the money is the shop\'s again',
});

export const TaxIdSchemeEnum = graphqlEnum('TaxIdScheme', 'Which kind of business tax id', TAX_ID_SCHEMES, {
  IN_GSTIN: 'an Indian GSTIN (15 characters, state code first, mod-36 check character last)',
  EU_VAT: 'an EU VAT id (member-state prefix, VIES format)',
});

export const TaxCategoryEnum = graphqlEnum('TaxCategory', "A line's rate category where a jurisdiction has several rates", TAX_CATEGORIES, {
  standard: "the jurisdiction's standard rate",
  reduced: "the reduced rate (Japan 8%: take-away food and drink, newspapers; EU VAT: the rate the location configures, e.g. hairdressing)",
});

export const CreditNoteReasonEnum = graphqlEnum('CreditNoteReason', 'Why a credit note takes part of an invoice back', CREDIT_NOTE_REASONS, {
  return: 'parts came back (a quantity of the line is returned)',
  goodwill: "money off for the customer's trouble",
  price_correction: 'the line was billed too high',
  error: 'billed by mistake',
});
