import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { quoteTotals } from '../domain';
import type { QuoteApproved, QuoteCreated, QuoteDeclined, QuoteLine, QuoteRevised, QuoteSent } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { quoteBoardProjection } from './quote-board.projection';

const labor = (quantity: number, unitPriceMinor: number): QuoteLine => ({ lineId: randomUUID(), kind: 'labor', description: 'Labor', quantity, unitPriceMinor, taxable: true });
const part = (quantity: number, unitPriceMinor: number): QuoteLine => ({ lineId: randomUUID(), kind: 'part', description: 'Part', quantity, unitPriceMinor, taxable: false });

const created = (quoteId: string, lines: QuoteLine[], currency = 'USD'): QuoteCreated => ({
  type: 'QuoteCreated',
  data: { quoteId, customerId: randomUUID(), vehicleId: randomUUID(), locationId: null, currency, lines, createdAt: '2026-05-01T09:00:00.000Z' },
});
const sent = (quoteId: string, sentAt = '2026-05-01T10:00:00.000Z'): QuoteSent => ({ type: 'QuoteSent', data: { quoteId, sentAt, channel: 'email' } });

const quoteRow = `select tenant_id, status, revision, version, subtotal_minor::int, taxable_subtotal_minor::int, approved_subtotal_minor::int,
  declined_subtotal_minor::int, approved_by, decision_channel, decline_reason, sent_at is not null as sent from shop.quotes where id = $1`;
const lineRows = `select line_id, ordinal, kind, quantity::text, total_minor::int, decision from shop.quote_lines where quote_id = $1 order by ordinal`;

describe('shop.quote-board projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(quoteBoardProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('drafts, revises, sends and approves in part, with totals and line decisions', async () => {
    const id = randomUUID();
    // 1.5 h x 100.00 = 150.00 (taxable); 2 x 25.50 = 51.00; 0.29 x 0.50 = 0.145 -> 0.15 (half away from zero).
    const [l1, l2, l3] = [labor(1.5, 10_000), part(2, 2550), part(0.29, 50)];
    await spec.given(tenantA, 'quote', id, [created(id, [l1, l2])]);
    expect(await spec.thenRows(quoteRow, [id])).toEqual([{
      tenant_id: tenantA, status: 'draft', revision: 1, version: 1, subtotal_minor: 20_100, taxable_subtotal_minor: 15_000, approved_subtotal_minor: 0,
      declined_subtotal_minor: 0, approved_by: null, decision_channel: null, decline_reason: null, sent: false,
    }]);

    const revised: QuoteRevised = { type: 'QuoteRevised', data: { quoteId: id, revision: 2, lines: [l1, l3], reason: 'no second part', revisedAt: '2026-05-01T09:30:00.000Z' } };
    const approved: QuoteApproved = {
      type: 'QuoteApproved',
      data: {
        quoteId: id, approvedLineIds: [l1.lineId], declinedLineIds: [l3.lineId], approvedBy: { name: 'Ada Lovelace', customerId: null }, channel: 'phone',
        approvedAt: '2026-05-01T11:00:00.000Z', totals: quoteTotals({ currency: 'USD', lines: [l1, l3] }, [l1.lineId]),
      },
    };
    await spec.given(tenantA, 'quote', id, [sent(id), revised, sent(id, '2026-05-01T10:30:00.000Z')]);
    expect(await spec.thenRows(lineRows, [id])).toEqual([
      { line_id: l1.lineId, ordinal: 0, kind: 'labor', quantity: '1.50', total_minor: 15_000, decision: 'pending' },
      { line_id: l3.lineId, ordinal: 1, kind: 'part', quantity: '0.29', total_minor: 15, decision: 'pending' },
    ]);
    await spec.given(tenantA, 'quote', id, [approved]);
    expect(await spec.thenRows(quoteRow, [id])).toEqual([{
      tenant_id: tenantA, status: 'approved', revision: 2, version: 5, subtotal_minor: 15_015, taxable_subtotal_minor: 15_000, approved_subtotal_minor: 15_000,
      declined_subtotal_minor: 15, approved_by: 'Ada Lovelace', decision_channel: 'phone', decline_reason: null, sent: true,
    }]);
    expect((await spec.thenRows<{ decision: string }>(lineRows, [id])).map((l) => l.decision)).toEqual(['approved', 'declined']);
  });

  it('declines a sent quote: every line declined, the whole subtotal declined', async () => {
    const id = randomUUID();
    const declined: QuoteDeclined = { type: 'QuoteDeclined', data: { quoteId: id, reason: 'too expensive', channel: 'in_person', declinedAt: '2026-05-02T09:00:00.000Z' } };
    await spec.given(tenantA, 'quote', id, [created(id, [labor(1, 9000), part(1, 1000)]), sent(id), declined]);
    const [quote] = await spec.thenRows(quoteRow, [id]);
    expect(quote).toMatchObject({ status: 'declined', declined_subtotal_minor: 10_000, approved_subtotal_minor: 0, decline_reason: 'too expensive', version: 3 });
    expect((await spec.thenRows<{ decision: string }>(lineRows, [id])).map((l) => l.decision)).toEqual(['declined', 'declined']);
  });

  it("keeps each tenant's quote and lines under its own tenant_id: sending one tenant's leaves the other's a draft", async () => {
    const id = randomUUID();
    const line = labor(1, 5000);
    await spec.given(tenantA, 'quote', id, [created(id, [line], 'EUR')]);
    await spec.given(tenantB, 'quote', id, [created(id, [line], 'INR'), sent(id)]);
    expect(await spec.thenRows(`select tenant_id, currency, status from shop.quotes where id = $1 order by currency`, [id])).toEqual([
      { tenant_id: tenantA, currency: 'EUR', status: 'draft' },
      { tenant_id: tenantB, currency: 'INR', status: 'sent' },
    ]);
    expect(await spec.thenRows(`select tenant_id from shop.quote_lines where quote_id = $1 order by tenant_id`, [id]))
      .toEqual([tenantA, tenantB].sort().map((tenant_id) => ({ tenant_id })));
  });

  it('gives the same quotes and lines on redelivery and on a rebuild', async () => {
    const all = async () => ({
      quotes: await spec.thenRows(`select * from shop.quotes order by tenant_id, id`),
      lines: await spec.thenRows(`select * from shop.quote_lines order by tenant_id, quote_id, ordinal`),
    });
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
