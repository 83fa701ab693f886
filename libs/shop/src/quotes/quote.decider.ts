/**
 * Quote aggregate: priced repair work offered to a customer for one vehicle, then sent, then
 * approved (all or some lines) or declined. draft -> sent -> approved | declined; a draft or sent
 * quote can be revised (a new version of its lines), which takes it back to draft. Pure: time,
 * ids and the actor arrive on the command.
 */
import { readHsnSac } from './hsn-sac.rules';
import { Decider, DomainError } from '@workbay/eventstore/core';
import {
  amountMinorProblem, currencyCodeOf, LINE_QUANTITY, lineTotalProblem, PRICE_MINOR, quantityProblem, readOptionalText, readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule,
} from '@workbay/platform/fields';
import { DiscountAlreadyApplied, DiscountCurrencyMismatch, DiscountNeedsApproval, InvalidQuoteDiscount } from './quote.errors';
import { ApprovedDiscount, QUOTE_CHANNELS, QuoteChannel, QuoteEvent, QuoteLine } from './quote.events';
import { allocateDiscount, DiscountThreshold, discountNeedsApproval, discountOf, discountProblem } from './quote-discount.rules';
import { QuoteTotals, quoteTotals } from './quote-totals.rules';

export interface CreateQuote {
  type: 'CreateQuote';
  quoteId: string;
  customerId: string;
  vehicleId: string;
  locationId?: string | null;
  currency: string;
  lines: QuoteLine[];
  /** Off the lines' subtotal, shared out over them; 0 or omitted: none. */
  discountMinor?: number;
  createdAt: string;
  actor: string;
}

/** Replaces every line. `expectedRevision`, when given, must be the current revision (no lost updates). */
export interface ReviseQuote {
  type: 'ReviseQuote';
  lines: QuoteLine[];
  expectedRevision?: number;
  reason?: string | null;
  /** The new discount; omitted keeps the current one, shared out over the new lines. */
  discountMinor?: number;
  revisedAt: string;
  actor: string;
}

export interface SendQuote {
  type: 'SendQuote';
  sentAt: string;
  actor: string;
  channel?: QuoteChannel;
  /** The shop's discount threshold now (the handler reads it); above it the discount must be approved. */
  discountThreshold?: DiscountThreshold | null;
}

/** An approval request approved this discount: the quote is revised to carry it, approved (back to draft, to be sent). */
export interface ApplyApprovedDiscount {
  type: 'ApplyApprovedDiscount';
  requestId: string;
  discount: { amountMinor: number; currency: string };
  appliedAt: string;
  actor: string;
}

export interface ApproveQuote {
  type: 'ApproveQuote';
  /** Lines the customer approved; omitted or empty approves every line. */
  lineIds?: string[];
  /** The revision the customer saw; when given it must still be the current one. */
  revision?: number;
  /**
   * `customerId`, when given, must be the quote's customer or a member of that customer's
   * household; `sameHousehold` is the handler's look-up of the latter (the decider reads no other stream).
   */
  approvedBy: { name: string; customerId?: string; sameHousehold?: boolean };
  channel: QuoteChannel;
  approvedAt: string;
  actor: string;
}

export interface DeclineQuote {
  type: 'DeclineQuote';
  reason?: string;
  channel: QuoteChannel;
  declinedAt: string;
  actor: string;
}

/** The text fields of a quote, each checked by the one text rule here and by its DTO. */
export const QUOTE_TEXT = {
  lineId: { max: 40 },
  description: { max: 500, multiline: true },
  approvedByName: { max: 200 },
  reason: { max: 1000, multiline: true },
} as const satisfies Record<string, TextRule>;

export type QuoteCommand = CreateQuote | ReviseQuote | SendQuote | ApproveQuote | DeclineQuote | ApplyApprovedDiscount;

interface QuoteContent {
  quoteId: string;
  customerId: string;
  vehicleId: string;
  locationId: string | null;
  currency: string;
  lines: QuoteLine[];
  createdAt: string;
  /** 1 as created, +1 per revision. */
  revision: number;
  revisedAt: string | null;
  /** The latest approved discount: a discount up to its amount needs no new approval. */
  approvedDiscount: ApprovedDiscount | null;
}

export const QUOTE_STATUSES = ['draft', 'sent', 'approved', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A line's standing in the read model: undecided while the quote is open. */
export const QUOTE_LINE_DECISIONS = ['pending', 'approved', 'declined'] as const;
export type QuoteLineDecision = (typeof QUOTE_LINE_DECISIONS)[number];

export type QuoteState =
  | { status: 'none' }
  | (QuoteContent & { status: 'draft' })
  | (QuoteContent & { status: 'sent'; sentAt: string })
  | (QuoteContent & {
      status: 'approved';
      sentAt: string;
      approvedAt: string;
      approvedLineIds: string[];
      declinedLineIds: string[];
      totals: QuoteTotals;
    })
  | (QuoteContent & { status: 'declined'; sentAt: string; declinedAt: string; reason: string | null });

export class QuoteAlreadyCreated extends DomainError {
  readonly code = 'QUOTE_ALREADY_CREATED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: QuoteStatus) {
    super(`quote already exists and is ${status}`);
  }
}

export class QuoteNotFound extends DomainError {
  readonly code = 'QUOTE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('quote does not exist');
  }
}

/** The quote's state does not allow the command now (409); the message names the current state. */
export abstract class QuoteStateConflict extends DomainError {
  override readonly kind = 'conflict' as const;
  constructor(readonly status: QuoteStatus, allowed: 'draft' | 'sent', action: 'sent' | 'approved' | 'declined') {
    super(`quote is ${status}; only a ${allowed} quote can be ${action}`);
  }
}

/** Sending a quote that is no longer a draft. */
export class QuoteAlreadySent extends QuoteStateConflict {
  readonly code = 'QUOTE_ALREADY_SENT';
  constructor(status: QuoteStatus) {
    super(status, 'draft', 'sent');
  }
}

/** Revising a quote the customer already answered. */
export class QuoteAlreadyDecidedCannotRevise extends DomainError {
  readonly code = 'QUOTE_ALREADY_DECIDED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: QuoteStatus) {
    super(`quote is ${status}; only a draft or sent quote can be revised`);
  }
}

/** The quote changed since the revision the caller acted on (409; nothing is written). */
export class QuoteRevisionMismatch extends DomainError {
  readonly code = 'QUOTE_REVISION_MISMATCH';
  override readonly kind = 'conflict' as const;
  constructor(readonly field: string, expected: number, current: number) {
    super(`${field}: the quote is at revision ${current}, not ${expected}; read it again`);
  }
}

/** Approving or declining a draft. */
export class QuoteNotSent extends QuoteStateConflict {
  readonly code = 'QUOTE_NOT_SENT';
  constructor(status: QuoteStatus, action: 'approved' | 'declined') {
    super(status, 'sent', action);
  }
}

/** Approving or declining a quote already approved or declined. */
export class QuoteAlreadyDecided extends QuoteStateConflict {
  readonly code = 'QUOTE_ALREADY_DECIDED';
  constructor(status: QuoteStatus, action: 'approved' | 'declined') {
    super(status, 'sent', action);
  }
}

export class QuoteLinesRequired extends DomainError {
  readonly code = 'QUOTE_LINES_REQUIRED';
  readonly field = 'lines';
  constructor() {
    super('a quote needs at least one line');
  }
}

/** One line breaks a rule; `field` names it, e.g. 'lines[2].quantity'. */
export class InvalidQuoteLine extends DomainError {
  readonly code = 'QUOTE_LINE_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class DuplicateQuoteLineId extends DomainError {
  readonly code = 'QUOTE_LINE_ID_DUPLICATE';
  constructor(readonly field: string, lineId: string) {
    super(`${field}: line id '${lineId}' is used by another line`);
  }
}

export class InvalidQuoteCurrency extends DomainError {
  readonly code = 'QUOTE_CURRENCY_INVALID';
  readonly field = 'currency';
  constructor(currency: string) {
    super(`'${currency}' is not an ISO 4217 currency code`);
  }
}

/** A text of the command breaks the text rule (too long, control characters); `field` names it. */
export class InvalidQuoteText extends DomainError {
  readonly code = 'QUOTE_TEXT_INVALID';
  constructor(readonly field: string, problem: string) {
    super(`${field} ${problem}`);
  }
}

export class UnknownQuoteLines extends DomainError {
  readonly code = 'QUOTE_LINE_UNKNOWN';
  readonly field = 'lineIds';
  constructor(readonly lineIds: string[]) {
    super(`not lines of this quote: ${lineIds.join(', ')}`);
  }
}

export class QuoteApproverRequired extends DomainError {
  readonly code = 'QUOTE_APPROVER_REQUIRED';
  readonly field = 'approvedBy.name';
  constructor() {
    super('the name of whoever approved the quote is required');
  }
}

/** Only the customer, or someone of their household, can approve their quote. */
export class QuoteApproverNotOfCustomer extends DomainError {
  readonly code = 'QUOTE_APPROVER_NOT_OF_CUSTOMER';
  readonly field = 'approvedByCustomerId';
  constructor(approverId: string) {
    super(`approvedByCustomerId: customer ${approverId} is neither the quote's customer nor in their household`);
  }
}

export class InvalidQuoteChannel extends DomainError {
  readonly code = 'QUOTE_CHANNEL_INVALID';
  readonly field = 'channel';
  constructor(channel: unknown) {
    super(`'${String(channel)}' is not one of ${QUOTE_CHANNELS.join(', ')}`);
  }
}

function validLines(lines: QuoteLine[]): QuoteLine[] {
  if (lines.length === 0) throw new QuoteLinesRequired();
  const seen = new Set<string>();
  return lines.map((line, i) => {
    const at = (name: keyof QuoteLine) => `lines[${i}].${name}`;
    const text = (name: 'lineId' | 'description') => {
      const read = readRequiredText(line[name], QUOTE_TEXT[name]);
      if (!read.ok) throw new InvalidQuoteLine(at(name), `${name} ${read.problem}`);
      return read.text;
    };
    const lineId = text('lineId');
    if (seen.has(lineId)) throw new DuplicateQuoteLineId(at('lineId'), lineId);
    seen.add(lineId);
    if (line.kind !== 'labor' && line.kind !== 'part') throw new InvalidQuoteLine(at('kind'), "kind must be 'labor' or 'part'");
    const description = text('description');
    const { quantity, unitPriceMinor, taxable } = line;
    const badQuantity = quantityProblem(quantity, LINE_QUANTITY);
    if (badQuantity) throw new InvalidQuoteLine(at('quantity'), `quantity ${badQuantity}`);
    const badPrice = amountMinorProblem(unitPriceMinor, PRICE_MINOR) ?? lineTotalProblem(quantity, unitPriceMinor);
    if (badPrice) throw new InvalidQuoteLine(at('unitPriceMinor'), `unit price ${badPrice}`);
    if (typeof taxable !== 'boolean') throw new InvalidQuoteLine(at('taxable'), 'taxable must be true or false');
    const hsnSac = readHsnSac(line.kind, line.hsnSac, (problem) => new InvalidQuoteLine(at('hsnSac'), `hsnSac ${problem}`));
    const category = (line as { taxCategory?: unknown }).taxCategory;
    if (category !== undefined && category !== null && category !== 'standard' && category !== 'reduced') {
      throw new InvalidQuoteLine(at('taxCategory'), "taxCategory must be 'standard' or 'reduced'");
    }
    return { lineId, kind: line.kind, description, quantity, unitPriceMinor, taxable, ...(hsnSac ? { hsnSac } : {}), ...(category === 'reduced' ? { taxCategory: 'reduced' as const } : {}) };
  });
}

/** An optional reason: blank is none. */
function validReason(raw: string | null | undefined): string | null {
  const read = readOptionalText(raw, QUOTE_TEXT.reason);
  if (!read.ok) throw new InvalidQuoteText('reason', read.problem);
  return read.text;
}

/** The lines with the discount shared out over them. */
function discounted(lines: QuoteLine[], currency: string, discountMinor: number): QuoteLine[] {
  const problem = discountProblem(discountMinor, quoteTotals({ currency, lines }).subtotalMinor);
  if (problem) throw new InvalidQuoteDiscount(problem);
  return allocateDiscount(lines, discountMinor);
}

function validCurrency(raw: string): string {
  const currency = currencyCodeOf(raw);
  if (currency === undefined) throw new InvalidQuoteCurrency(raw);
  return currency;
}

function validChannel(channel: QuoteChannel): QuoteChannel {
  if (!QUOTE_CHANNELS.includes(channel)) throw new InvalidQuoteChannel(channel);
  return channel;
}

/** The quote must be sent to be approved or declined; names the state it is in otherwise. */
function requireSent(state: QuoteState, action: 'approved' | 'declined') {
  if (state.status === 'none') throw new QuoteNotFound();
  if (state.status === 'draft') throw new QuoteNotSent(state.status, action);
  if (state.status !== 'sent') throw new QuoteAlreadyDecided(state.status, action);
  return state;
}

export const quoteDecider: Decider<QuoteState, QuoteCommand, QuoteEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateQuote': {
        if (state.status !== 'none') throw new QuoteAlreadyCreated(state.status);
        const currency = validCurrency(command.currency);
        const lines = discounted(validLines(command.lines), currency, command.discountMinor ?? 0);
        const { quoteId, customerId, vehicleId, createdAt } = command;
        const locationId = command.locationId ?? null;
        return [{ type: 'QuoteCreated', data: { quoteId, customerId, vehicleId, locationId, currency, lines, createdAt } }];
      }
      case 'ReviseQuote': {
        if (state.status === 'none') throw new QuoteNotFound();
        if (state.status === 'approved' || state.status === 'declined') throw new QuoteAlreadyDecidedCannotRevise(state.status);
        if (command.expectedRevision !== undefined && command.expectedRevision !== state.revision) {
          throw new QuoteRevisionMismatch('expectedRevision', command.expectedRevision, state.revision);
        }
        const lines = discounted(validLines(command.lines), state.currency, command.discountMinor ?? discountOf(state.lines));
        const reason = validReason(command.reason);
        return [{ type: 'QuoteRevised', data: { quoteId: state.quoteId, revision: state.revision + 1, lines, reason, revisedAt: command.revisedAt } }];
      }
      case 'ApplyApprovedDiscount': {
        if (state.status === 'none') throw new QuoteNotFound();
        if (state.status === 'approved' || state.status === 'declined') throw new QuoteAlreadyDecidedCannotRevise(state.status);
        if (state.approvedDiscount?.requestId === command.requestId) throw new DiscountAlreadyApplied(command.requestId);
        if (command.discount.currency !== state.currency) throw new DiscountCurrencyMismatch(state.currency, command.discount.currency);
        const { amountMinor } = command.discount;
        const lines = discounted(state.lines, state.currency, amountMinor);
        const approvedDiscount = { requestId: command.requestId, amountMinor };
        const reason = `discount of ${amountMinor} approved by approval request ${command.requestId}`;
        return [{ type: 'QuoteRevised', data: { quoteId: state.quoteId, revision: state.revision + 1, lines, reason, revisedAt: command.appliedAt, approvedDiscount } }];
      }
      case 'SendQuote': {
        if (state.status === 'none') throw new QuoteNotFound();
        if (state.status !== 'draft') throw new QuoteAlreadySent(state.status);
        const discount = discountOf(state.lines);
        const covered = state.approvedDiscount !== null && discount <= state.approvedDiscount.amountMinor;
        if (!covered && discountNeedsApproval(discount, quoteTotals(state).subtotalMinor, command.discountThreshold ?? null)) {
          throw new DiscountNeedsApproval(state.quoteId, discount, state.currency);
        }
        const channel = command.channel === undefined ? null : validChannel(command.channel);
        return [{ type: 'QuoteSent', data: { quoteId: state.quoteId, sentAt: command.sentAt, channel } }];
      }
      case 'ApproveQuote': {
        const sent = requireSent(state, 'approved');
        if (command.revision !== undefined && command.revision !== sent.revision) {
          throw new QuoteRevisionMismatch('revision', command.revision, sent.revision);
        }
        const requested = new Set(command.lineIds ?? []);
        const unknown = [...requested].filter((id) => !sent.lines.some((line) => line.lineId === id));
        if (unknown.length > 0) throw new UnknownQuoteLines(unknown);
        const approver = readRequiredText(command.approvedBy.name, QUOTE_TEXT.approvedByName);
        if (!approver.ok && approver.problem === TEXT_REQUIRED_MESSAGE) throw new QuoteApproverRequired();
        if (!approver.ok) throw new InvalidQuoteText('approvedBy.name', approver.problem);
        const name = approver.text;
        const approverId = command.approvedBy.customerId;
        if (approverId !== undefined && approverId !== sent.customerId && command.approvedBy.sameHousehold !== true) throw new QuoteApproverNotOfCustomer(approverId);
        const channel = validChannel(command.channel);
        const all = requested.size === 0;
        const approvedLineIds = sent.lines.filter((l) => all || requested.has(l.lineId)).map((l) => l.lineId);
        const declinedLineIds = sent.lines.filter((l) => !all && !requested.has(l.lineId)).map((l) => l.lineId);
        const approvedBy = { name, customerId: command.approvedBy.customerId ?? null };
        const totals = quoteTotals(sent, approvedLineIds);
        const { approvedAt } = command;
        return [
          {
            type: 'QuoteApproved',
            data: { quoteId: sent.quoteId, approvedLineIds, declinedLineIds, approvedBy, channel, approvedAt, totals },
          },
        ];
      }
      case 'DeclineQuote': {
        const sent = requireSent(state, 'declined');
        const reason = validReason(command.reason);
        const channel = validChannel(command.channel);
        return [{ type: 'QuoteDeclined', data: { quoteId: sent.quoteId, reason, channel, declinedAt: command.declinedAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown quote command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'QuoteCreated':
        return { status: 'draft', ...event.data, locationId: event.data.locationId ?? null, revision: 1, revisedAt: null, approvedDiscount: null };
      case 'QuoteRevised': {
        if (state.status !== 'draft' && state.status !== 'sent') return state;
        const { quoteId, customerId, vehicleId, locationId, currency, createdAt } = state;
        const { lines, revision, revisedAt } = event.data;
        const approvedDiscount = event.data.approvedDiscount ?? state.approvedDiscount;
        return { status: 'draft', quoteId, customerId, vehicleId, locationId, currency, createdAt, lines, revision, revisedAt, approvedDiscount };
      }
      case 'QuoteSent':
        return state.status === 'draft' ? { ...state, status: 'sent', sentAt: event.data.sentAt } : state;
      case 'QuoteApproved': {
        if (state.status !== 'sent') return state;
        const { approvedAt, approvedLineIds, declinedLineIds, totals } = event.data;
        return { ...state, status: 'approved', approvedAt, approvedLineIds, declinedLineIds, totals };
      }
      case 'QuoteDeclined':
        if (state.status !== 'sent') return state;
        return { ...state, status: 'declined', declinedAt: event.data.declinedAt, reason: event.data.reason };
      default:
        return state;
    }
  },
};
