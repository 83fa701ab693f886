import fc from 'fast-check';
import { given } from '@workbay/eventstore/testing';
import {
  ApproveQuote,
  CreateQuote,
  DeclineQuote,
  DuplicateQuoteLineId,
  InvalidQuoteChannel,
  InvalidQuoteCurrency,
  InvalidQuoteLine,
  InvalidQuoteText,
  QuoteAlreadyCreated,
  QuoteAlreadyDecided,
  QuoteAlreadySent,
  QuoteApproverNotOfCustomer,
  QuoteApproverRequired,
  quoteDecider,
  QuoteLinesRequired,
  QuoteNotFound,
  QuoteAlreadyDecidedCannotRevise,
  QuoteNotSent,
  QuoteRevisionMismatch,
  ReviseQuote,
  UnknownQuoteLines,
} from './quote.decider';
import { QuoteApproved, QuoteChannel, QuoteCreated, QuoteDeclined, QuoteLine, QuoteRevised, QuoteSent, quoteStreamCategory } from './quote.events';
import { lineTotalMinor, quoteTotals, roundHalfAwayFromZero } from './quote-totals.rules';

const brakes: QuoteLine = { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
const pads: QuoteLine = { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
const fluid: QuoteLine = { lineId: 'l3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false };

const create = (overrides: Partial<CreateQuote> = {}): CreateQuote => ({
  type: 'CreateQuote', quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', currency: 'INR',
  lines: [brakes, pads, fluid], createdAt: '2025-03-01T09:00:00.000Z', actor: 'user-1', ...overrides,
});
const send: SendQuoteCmd = { type: 'SendQuote', sentAt: '2025-03-01T10:00:00.000Z', actor: 'user-1', channel: 'sms' };
type SendQuoteCmd = Extract<Parameters<typeof quoteDecider.decide>[0], { type: 'SendQuote' }>;
const approve = (overrides: Partial<ApproveQuote> = {}): ApproveQuote => ({
  type: 'ApproveQuote', approvedBy: { name: 'Asha Rao', customerId: 'cus-1' }, channel: 'phone',
  approvedAt: '2025-03-01T11:00:00.000Z', actor: 'user-1', ...overrides,
});
const decline = (overrides: Partial<DeclineQuote> = {}): DeclineQuote => ({
  type: 'DeclineQuote', reason: 'too expensive', channel: 'in_person', declinedAt: '2025-03-01T11:00:00.000Z', actor: 'user-1', ...overrides,
});

const created: QuoteCreated = {
  type: 'QuoteCreated',
  data: {
    quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', locationId: null, currency: 'INR', lines: [brakes, pads, fluid],
    createdAt: '2025-03-01T09:00:00.000Z',
  },
};
const sent: QuoteSent = { type: 'QuoteSent', data: { quoteId: 'q-1', sentAt: '2025-03-01T10:00:00.000Z', channel: 'sms' } };
// 1.5 x 1200.00 = 1800.00; 1 x 3500.00; 0.75 x 450.50 = 337.875 -> 337.88 (half away from zero)
const approvedAll: QuoteApproved = {
  type: 'QuoteApproved',
  data: {
    quoteId: 'q-1', approvedLineIds: ['l1', 'l2', 'l3'], declinedLineIds: [], approvedBy: { name: 'Asha Rao', customerId: 'cus-1' },
    channel: 'phone', approvedAt: '2025-03-01T11:00:00.000Z',
    totals: { currency: 'INR', subtotalMinor: 563_788, taxableSubtotalMinor: 530_000, approvedSubtotalMinor: 563_788, declinedSubtotalMinor: 0, approvedTaxableSubtotalMinor: 530_000 },
  },
};
const declined: QuoteDeclined = { type: 'QuoteDeclined', data: { quoteId: 'q-1', reason: 'too expensive', channel: 'in_person', declinedAt: '2025-03-01T11:00:00.000Z' } };

describe('Quote', () => {
  it("lives in the 'quote' stream category", () => {
    expect(quoteStreamCategory).toBe('quote');
  });

  describe('creating a quote', () => {
    it('creates a draft quote with labor and part lines', () => {
      expect(given(quoteDecider).when(create()).then([created])).toMatchObject({ status: 'draft', quoteId: 'q-1' });
    });

    it('upper-cases the currency and trims descriptions', () => {
      given(quoteDecider).when(create({ currency: ' inr', lines: [{ ...brakes, description: ' Replace front brake pads ' }, pads, fluid] })).then([created]);
    });

    it('rejects a quote without lines', () => {
      given(quoteDecider).when(create({ lines: [] })).thenThrows(QuoteLinesRequired, { code: 'QUOTE_LINES_REQUIRED', kind: 'rule', field: 'lines' });
    });

    it('rejects two lines with the same id, naming the second one', () => {
      given(quoteDecider).when(create({ lines: [brakes, pads, { ...fluid, lineId: 'l1' }] }))
        .thenThrows(DuplicateQuoteLineId, { code: 'QUOTE_LINE_ID_DUPLICATE', kind: 'rule', field: 'lines[2].lineId' });
    });

    it.each<[string, Partial<QuoteLine>, string]>([
      ['a blank line id', { lineId: ' ' }, 'lineId'],
      ['an unknown kind', { kind: 'fee' as QuoteLine['kind'] }, 'kind'],
      ['a blank description', { description: '  ' }, 'description'],
      ['a zero quantity', { quantity: 0 }, 'quantity'],
      ['a negative quantity', { quantity: -1 }, 'quantity'],
      ['a quantity with 3 decimals', { quantity: 1.125 }, 'quantity'],
      ['a non-finite quantity', { quantity: Number.NaN }, 'quantity'],
      ['a negative unit price', { unitPriceMinor: -1 }, 'unitPriceMinor'],
      ['a fractional unit price', { unitPriceMinor: 10.5 }, 'unitPriceMinor'],
      ['a line total beyond safe integers', { quantity: 1000, unitPriceMinor: Number.MAX_SAFE_INTEGER }, 'unitPriceMinor'],
      ['a non-boolean taxable flag', { taxable: 'yes' as unknown as boolean }, 'taxable'],
      // The field rules (@workbay/platform/fields), the same the DTO applies:
      ['a quantity of 1e-7, which has no decimal point to count', { quantity: 1e-7 }, 'quantity'],
      ['a quantity within the old tolerance but not hundredths', { quantity: 1.000000001 }, 'quantity'],
      ['a quantity over 100000', { quantity: 100000.5 }, 'quantity'],
      ['a unit price over 10^11', { unitPriceMinor: 1_000_000_000_01 }, 'unitPriceMinor'],
      ['a description over 500 characters', { description: 'x'.repeat(501) }, 'description'],
      ['a description with a control character', { description: 'pads\u0007' }, 'description'],
      ['a line id over 40 characters', { lineId: 'l'.repeat(41) }, 'lineId'],
    ])('rejects a line with %s, naming the field', (_, change, field) => {
      given(quoteDecider).when(create({ lines: [brakes, { ...pads, ...change }] }))
        .thenThrows(InvalidQuoteLine, { code: 'QUOTE_LINE_INVALID', kind: 'rule', field: `lines[1].${field}` });
    });

    it('counts a description in characters after trimming: 500 emoji with spaces around fit', () => {
      const lines = [{ ...brakes, description: '🔧'.repeat(500) }];
      given(quoteDecider).when(create({ lines: [{ ...lines[0], description: `  ${'🔧'.repeat(500)}  ` }] }))
        .then([{ ...created, data: { ...created.data, lines } }]);
    });

    it('rejects an approver name or reason the text rule refuses, naming the field', () => {
      given(quoteDecider, [created, sent]).when(approve({ approvedBy: { name: 'A'.repeat(201) } }))
        .thenThrows(InvalidQuoteText, { code: 'QUOTE_TEXT_INVALID', field: 'approvedBy.name' });
      given(quoteDecider, [created, sent]).when(decline({ reason: 'r'.repeat(1001) }))
        .thenThrows(InvalidQuoteText, { code: 'QUOTE_TEXT_INVALID', field: 'reason' });
    });

    it('accepts a free line (unit price 0) and 2-decimal quantities like 0.1 hours', () => {
      const lines = [{ ...brakes, quantity: 0.1 }, { ...pads, unitPriceMinor: 0 }];
      given(quoteDecider).when(create({ lines })).then([{ ...created, data: { ...created.data, lines } }]);
    });

    it.each(['RUPEES', 'IN', '12A', ''])('rejects the currency %p as not an ISO 4217 code', (currency) => {
      given(quoteDecider).when(create({ currency })).thenThrows(InvalidQuoteCurrency, { code: 'QUOTE_CURRENCY_INVALID', field: 'currency' });
    });

    it.each(['ABC', 'xyz'])("rejects %p, shaped like an ISO 4217 code but none, which invoicing would refuse later", (currency) => {
      given(quoteDecider).when(create({ currency })).thenThrows(InvalidQuoteCurrency, { code: 'QUOTE_CURRENCY_INVALID', field: 'currency' });
    });

    it('rejects creating a quote that already exists with a conflict naming its state', () => {
      given(quoteDecider, [created, sent]).when(create())
        .thenThrows(QuoteAlreadyCreated, { code: 'QUOTE_ALREADY_CREATED', kind: 'conflict', message: /is sent/ });
    });
  });

  describe('sending a quote', () => {
    it('sends a draft quote', () => {
      expect(given(quoteDecider, [created]).when(send).then([sent])).toMatchObject({ status: 'sent', sentAt: send.sentAt });
    });

    it('records no channel when none is given', () => {
      given(quoteDecider, [created]).when({ ...send, channel: undefined }).then([{ ...sent, data: { ...sent.data, channel: null } }]);
    });

    it('rejects an unknown channel', () => {
      given(quoteDecider, [created]).when({ ...send, channel: 'fax' as QuoteChannel })
        .thenThrows(InvalidQuoteChannel, { code: 'QUOTE_CHANNEL_INVALID', field: 'channel' });
    });

    it.each([
      ['sent', [created, sent]],
      ['approved', [created, sent, approvedAll]],
      ['declined', [created, sent, declined]],
    ] as const)('rejects sending a %s quote again with a conflict naming the state', (status, history) => {
      given(quoteDecider, [...history]).when(send).thenThrows(QuoteAlreadySent, {
        code: 'QUOTE_ALREADY_SENT', kind: 'conflict', message: `quote is ${status}; only a draft quote can be sent`,
      });
    });

    it('reports a quote that was never created as not found', () => {
      given(quoteDecider).when(send).thenThrows(QuoteNotFound, { code: 'QUOTE_NOT_FOUND', kind: 'not-found' });
    });
  });

  describe('approving a quote', () => {
    it('approves every line of a sent quote when no lines are named, with the totals', () => {
      const state = given(quoteDecider, [created, sent]).when(approve()).then([approvedAll]);
      expect(state).toMatchObject({ status: 'approved', approvedLineIds: ['l1', 'l2', 'l3'], totals: approvedAll.data.totals });
    });

    it('approves every line when the list of lines is empty', () => {
      given(quoteDecider, [created, sent]).when(approve({ lineIds: [] })).then([approvedAll]);
    });

    it('approves some lines and declines the rest, in quote order', () => {
      given(quoteDecider, [created, sent]).when(approve({ lineIds: ['l3', 'l1', 'l3'], approvedBy: { name: ' Ravi (son) ' }, channel: 'in_person' })).then([
        {
          type: 'QuoteApproved',
          data: {
            ...approvedAll.data, approvedLineIds: ['l1', 'l3'], declinedLineIds: ['l2'],
            approvedBy: { name: 'Ravi (son)', customerId: null }, channel: 'in_person',
            totals: { ...approvedAll.data.totals, approvedSubtotalMinor: 213_788, declinedSubtotalMinor: 350_000, approvedTaxableSubtotalMinor: 180_000 },
          },
        },
      ]);
    });

    it('rejects line ids that are not on the quote, naming them and the lineIds field', () => {
      const error = given(quoteDecider, [created, sent]).when(approve({ lineIds: ['l1', 'l9', 'x'] }))
        .thenThrows(UnknownQuoteLines, { code: 'QUOTE_LINE_UNKNOWN', kind: 'rule', field: 'lineIds', message: /l9, x/ });
      expect(error.lineIds).toEqual(['l9', 'x']);
    });

    it('takes an approval by the quote\'s customer or someone of their household, and refuses anyone else (422 naming approvedByCustomerId)', () => {
      const other = { name: 'Meera Rao', customerId: 'cus-2' };
      given(quoteDecider, [created, sent]).when(approve({ approvedBy: { ...other, sameHousehold: true } })).then([
        { ...approvedAll, data: { ...approvedAll.data, approvedBy: { name: 'Meera Rao', customerId: 'cus-2' } } },
      ]);
      given(quoteDecider, [created, sent]).when(approve({ approvedBy: other }))
        .thenThrows(QuoteApproverNotOfCustomer, { kind: 'rule', field: 'approvedByCustomerId' });
      given(quoteDecider, [created, sent]).when(approve({ approvedBy: { ...other, sameHousehold: false } }))
        .thenThrows(QuoteApproverNotOfCustomer, { field: 'approvedByCustomerId' });
    });

    it('rejects an approval without the name of who approved', () => {
      given(quoteDecider, [created, sent]).when(approve({ approvedBy: { name: ' ' } }))
        .thenThrows(QuoteApproverRequired, { code: 'QUOTE_APPROVER_REQUIRED', kind: 'rule', field: 'approvedBy.name' });
    });

    it('rejects an unknown approval channel', () => {
      given(quoteDecider, [created, sent]).when(approve({ channel: 'carrier-pigeon' as QuoteChannel })).thenThrows(InvalidQuoteChannel, { field: 'channel' });
    });

    it('rejects approval of a draft quote with a conflict naming the state', () => {
      given(quoteDecider, [created]).when(approve()).thenThrows(QuoteNotSent, {
        code: 'QUOTE_NOT_SENT', kind: 'conflict', message: 'quote is draft; only a sent quote can be approved',
      });
    });

    it.each([
      ['approved', approvedAll],
      ['declined', declined],
    ] as const)('rejects approval of an already %s quote with a conflict naming the state', (status, decision) => {
      given(quoteDecider, [created, sent, decision]).when(approve()).thenThrows(QuoteAlreadyDecided, {
        code: 'QUOTE_ALREADY_DECIDED', kind: 'conflict', message: `quote is ${status}; only a sent quote can be approved`,
      });
    });

    it('reports a quote that was never created as not found', () => {
      given(quoteDecider).when(approve()).thenThrows(QuoteNotFound, { kind: 'not-found' });
    });
  });

  describe('declining a quote', () => {
    it('declines a sent quote with the reason', () => {
      expect(given(quoteDecider, [created, sent]).when(decline()).then([declined])).toMatchObject({ status: 'declined', reason: 'too expensive' });
    });

    it('records no reason when none or a blank one is given', () => {
      const noReason = { ...declined, data: { ...declined.data, reason: null } };
      given(quoteDecider, [created, sent]).when(decline({ reason: undefined })).then([noReason]);
      given(quoteDecider, [created, sent]).when(decline({ reason: '  ' })).then([noReason]);
    });

    it('rejects declining a draft quote with a conflict naming the state', () => {
      given(quoteDecider, [created]).when(decline())
        .thenThrows(QuoteNotSent, { kind: 'conflict', message: 'quote is draft; only a sent quote can be declined' });
    });

    it('rejects declining an approved quote with a conflict naming the state', () => {
      given(quoteDecider, [created, sent, approvedAll]).when(decline())
        .thenThrows(QuoteAlreadyDecided, { code: 'QUOTE_ALREADY_DECIDED', message: 'quote is approved; only a sent quote can be declined' });
    });

    it('rejects an unknown decline channel', () => {
      given(quoteDecider, [created, sent]).when(decline({ channel: 'telex' as QuoteChannel })).thenThrows(InvalidQuoteChannel);
    });
  });

  describe('revising a quote', () => {
    const revise = (overrides: Partial<ReviseQuote> = {}): ReviseQuote => ({
      type: 'ReviseQuote', lines: [brakes, { ...pads, unitPriceMinor: 300_000 }], reason: 'OEM pads', revisedAt: '2025-03-01T10:30:00.000Z',
      actor: 'user-1', ...overrides,
    });
    const revised: QuoteRevised = {
      type: 'QuoteRevised',
      data: { quoteId: 'q-1', revision: 2, lines: [brakes, { ...pads, unitPriceMinor: 300_000 }], reason: 'OEM pads', revisedAt: '2025-03-01T10:30:00.000Z' },
    };

    it('keeps the location the quote was created for, null when none', () => {
      expect(given(quoteDecider).when(create({ locationId: 'loc-1' })).then([{ ...created, data: { ...created.data, locationId: 'loc-1' } }]))
        .toMatchObject({ locationId: 'loc-1', revision: 1, revisedAt: null });
      const legacy = { ...created, data: { ...created.data, locationId: undefined } };
      expect(given(quoteDecider, [legacy]).state).toMatchObject({ locationId: null });
    });

    it('replaces every line of a sent quote as revision 2 and takes it back to draft, to be sent again', () => {
      const state = given(quoteDecider, [created, sent]).when(revise()).then([revised]);
      expect(state).toMatchObject({ status: 'draft', revision: 2, revisedAt: '2025-03-01T10:30:00.000Z', lines: revised.data.lines });
      expect(state).not.toHaveProperty('sentAt');
      given(quoteDecider, [created, sent, revised]).when(send).then([sent]);
    });

    it('revises a draft, checks expectedRevision, and records no blank reason', () => {
      given(quoteDecider, [created]).when(revise({ expectedRevision: 1, reason: ' ' })).then([{ ...revised, data: { ...revised.data, reason: null } }]);
      given(quoteDecider, [created, revised]).when(revise({ expectedRevision: 1 }))
        .thenThrows(QuoteRevisionMismatch, { kind: 'conflict', field: 'expectedRevision', message: /revision 2, not 1/ });
    });

    it('validates the new lines like a new quote', () => {
      given(quoteDecider, [created]).when(revise({ lines: [] })).thenThrows(QuoteLinesRequired);
      given(quoteDecider, [created]).when(revise({ lines: [{ ...brakes, quantity: 0 }] })).thenThrows(InvalidQuoteLine, { field: 'lines[0].quantity' });
    });

    it('refuses to revise an answered quote, naming its state', () => {
      given(quoteDecider, [created, sent, approvedAll]).when(revise())
        .thenThrows(QuoteAlreadyDecidedCannotRevise, { kind: 'conflict', message: 'quote is approved; only a draft or sent quote can be revised' });
      given(quoteDecider, [created, sent, declined]).when(revise()).thenThrows(QuoteAlreadyDecidedCannotRevise, { message: /declined/ });
      given(quoteDecider).when(revise()).thenThrows(QuoteNotFound);
    });

    it('refuses an approval of a revision the customer no longer has', () => {
      given(quoteDecider, [created, revised, sent]).when(approve({ revision: 1 }))
        .thenThrows(QuoteRevisionMismatch, { kind: 'conflict', field: 'revision' });
      const state = given(quoteDecider, [created, revised, sent]).state;
      expect(quoteDecider.decide(approve({ revision: 2 }), state)[0]).toMatchObject({ type: 'QuoteApproved', data: { approvedLineIds: ['l1', 'l2'] } });
    });
  });

  it('ignores events that do not fit the state instead of throwing', () => {
    expect(given(quoteDecider, [sent, approvedAll, declined]).state).toEqual({ status: 'none' });
    expect(given(quoteDecider, [created, approvedAll]).state).toMatchObject({ status: 'draft' });
  });
});

describe('Quote totals', () => {
  it('rounds a line total half away from zero to whole minor units', () => {
    expect(lineTotalMinor({ quantity: 0.75, unitPriceMinor: 45_050 })).toBe(33_788); // 33 787.5
    expect(lineTotalMinor({ quantity: 0.5, unitPriceMinor: 1 })).toBe(1); // 0.5
    expect(lineTotalMinor({ quantity: 0.29, unitPriceMinor: 50 })).toBe(15); // 14.5, though 0.29 * 50 is 14.4999... in floats
    expect(lineTotalMinor({ quantity: 0.01, unitPriceMinor: 49 })).toBe(0); // 0.49
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
  });

  it('sums subtotal, taxable, approved and declined amounts without tax', () => {
    expect(quoteTotals({ currency: 'USD', lines: [brakes, pads, fluid] }, ['l2', 'l3'])).toEqual({
      currency: 'USD', subtotalMinor: 563_788, taxableSubtotalMinor: 530_000,
      approvedSubtotalMinor: 383_788, declinedSubtotalMinor: 180_000, approvedTaxableSubtotalMinor: 350_000,
    });
  });

  it('counts every line as approved when no ids are given and none when the list is empty', () => {
    const quote = { currency: 'EUR', lines: [brakes, pads] };
    expect(quoteTotals(quote)).toMatchObject({ approvedSubtotalMinor: 530_000, declinedSubtotalMinor: 0 });
    expect(quoteTotals(quote, [])).toMatchObject({ approvedSubtotalMinor: 0, declinedSubtotalMinor: 530_000 });
  });

  const arbitraryLines = fc.uniqueArray(
    fc.record({
      lineId: fc.string({ minLength: 1, maxLength: 6 }),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((hundredths) => hundredths / 100),
      unitPriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
      taxable: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12, selector: (line) => line.lineId },
  );

  it('splits the subtotal exactly into approved and declined for any subset of lines', () => {
    fc.assert(
      fc.property(
        arbitraryLines.chain((lines) => fc.tuple(fc.constant(lines), fc.subarray(lines.map((l) => l.lineId)))),
        ([lines, approvedIds]) => {
          const totals = quoteTotals({ currency: 'USD', lines }, approvedIds);
          expect(totals.approvedSubtotalMinor + totals.declinedSubtotalMinor).toBe(totals.subtotalMinor);
          expect(totals.approvedTaxableSubtotalMinor).toBeLessThanOrEqual(totals.taxableSubtotalMinor);
          expect(totals.taxableSubtotalMinor).toBeLessThanOrEqual(totals.subtotalMinor);
          for (const value of [totals.subtotalMinor, totals.approvedSubtotalMinor, totals.declinedSubtotalMinor]) {
            expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          }
        },
      ),
    );
  });

  it('makes the line total the exact product rounded half away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), (hundredths, price) => {
        const total = lineTotalMinor({ quantity: hundredths / 100, unitPriceMinor: price });
        const exact = BigInt(hundredths) * BigInt(price); // 100 x the true total
        expect(BigInt(total) * 100n - exact <= 50n && exact - BigInt(total) * 100n < 50n).toBe(true);
      }),
    );
  });
});
