import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { given } from '@workbay/eventstore/testing';
import { invoiceDecider } from '../invoices/invoice.decider';
import { SHOP_MIGRATIONS } from '../migrations';
import { invoiceEvents, laborLine, partLine } from '../shared/projection-spec.fixtures';
import { creditNoteDecider } from './credit-note.decider';
import { CreditNoteIssued } from './credit-note.events';
import { creditNoteBoardProjection } from './credit-note-board.projection';

/** A credit note as the decider issues it: 50.00 off 180.00 of taxable labor at 8% US sales tax (4.00), on a 214.40 invoice. */
function issuedCreditNote(number: string, customerId = randomUUID()) {
  const inv = invoiceEvents();
  const labor = laborLine(1.5, 12_000);
  const invoice = given(invoiceDecider, [inv.issued({ number: 'INV-0001', repairOrderId: randomUUID(), customerId, lines: [labor, partLine(1, 2000, false)], issuedAt: '2026-07-01T10:00:00.000Z' })]).state;
  const creditNoteId = randomUUID();
  const [event] = creditNoteDecider.decide({
    type: 'IssueCreditNote', creditNoteId, number, invoice, reason: 'goodwill', note: 'noisy brakes', lines: [{ lineId: labor.lineId, amountMinor: 5000 }],
    issuedAt: '2026-07-02T10:00:00.000Z', actor: 'finance',
  }, creditNoteDecider.initialState()) as CreditNoteIssued[];
  return { event, creditNoteId, invoiceId: inv.id, lineId: labor.lineId };
}

describe('shop.credit-note-board projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(creditNoteBoardProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('keeps a credit note with its invoice, reason, lines and tax split', async () => {
    const cn = issuedCreditNote('CN-000001');
    await spec.given(tenantA, 'credit-note', cn.creditNoteId, [cn.event]);
    expect(await spec.thenRows(`select tenant_id, number, invoice_id, invoice_number, reason, note, currency, subtotal_minor::int as subtotal, tax_total_minor::int as tax,
      grand_total_minor::int as grand, tax_summary, lines->0->>'lineId' as line, (lines->0->'tax'->>'amountMinor')::int as line_tax from shop.credit_notes where id = $1`, [cn.creditNoteId]))
      .toEqual([{
        tenant_id: tenantA, number: 'CN-000001', invoice_id: cn.invoiceId, invoice_number: 'INV-0001', reason: 'goodwill', note: 'noisy brakes', currency: 'USD',
        subtotal: 5000, tax: 400, grand: 5400, tax_summary: [{ name: 'SALES_TAX', rateBps: 800, amount: { amountMinor: 400, currency: 'USD' } }], line: cn.lineId, line_tax: 400,
      }]);
  });

  it("keeps each tenant's credit note under its own tenant_id", async () => {
    const a = issuedCreditNote('CN-000002');
    const b = issuedCreditNote('CN-000001');
    await spec.given(tenantA, 'credit-note', a.creditNoteId, [a.event]);
    await spec.given(tenantB, 'credit-note', b.creditNoteId, [b.event]);
    expect(await spec.thenRows(`select number from shop.credit_notes where tenant_id = $1 order by number`, [tenantB])).toEqual([{ number: 'CN-000001' }]);
    expect(await spec.thenRows(`select number from shop.credit_notes where tenant_id = $1 order by number`, [tenantA])).toEqual([{ number: 'CN-000001' }, { number: 'CN-000002' }]);
  });

  it('gives the same rows on a rebuild from position 0', async () => {
    const all = () => spec.thenRows(`select * from shop.credit_notes order by tenant_id, id`);
    const before = await all();
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
