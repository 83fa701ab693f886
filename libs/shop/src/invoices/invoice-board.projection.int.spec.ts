import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type { InvoiceEvent } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { invoiceEvents, laborLine, partLine } from '../shared/projection-spec.fixtures';
import { invoiceBoardProjection } from './invoice-board.projection';

/** 1.5 h x 120.00 = 180.00 taxable + 20.00 untaxed part; 8% US sales tax on 180.00 = 14.40; grand total 214.40. */
const lines = () => [laborLine(1.5, 12_000), partLine(1, 2000, false)];
const invoiceRow = `select tenant_id, number, status, subtotal_minor::int as subtotal, taxable_subtotal_minor::int as taxable, tax_total_minor::int as tax,
  grand_total_minor::int as grand, paid_minor::int as paid, balance_due_minor::int as balance, paid_at is not null as settled, void_reason, version
  from shop.invoices where id = $1 order by tenant_id`;

describe('shop.invoice-board projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const give = (tenantId: string, id: string, events: InvoiceEvent[]) => spec.given(tenantId, 'invoice', id, events);

  beforeAll(async () => {
    spec = await startProjectionSpec(invoiceBoardProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('issues with tax, takes partial and full payment, marks paid and re-opens on a refund', async () => {
    const inv = invoiceEvents();
    const [p1, p2] = [randomUUID(), randomUUID()];
    await give(tenantA, inv.id, [inv.issued({ number: 'INV-0001', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-01T15:00:00.000Z' })]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([{
      tenant_id: tenantA, number: 'INV-0001', status: 'issued', subtotal: 20_000, taxable: 18_000, tax: 1440, grand: 21_440, paid: 0, balance: 21_440,
      settled: false, void_reason: null, version: 1,
    }]);
    expect(await spec.thenRows(`select ordinal, amount_minor::int as amount, tax_minor::int as tax, total_minor::int as total from shop.invoice_lines where invoice_id = $1 order by ordinal`, [inv.id]))
      .toEqual([{ ordinal: 0, amount: 18_000, tax: 1440, total: 19_440 }, { ordinal: 1, amount: 2000, tax: 0, total: 2000 }]);

    await give(tenantA, inv.id, [inv.paid(p1, 10_000, '2026-07-01T15:10:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'partially_paid', paid: 10_000, balance: 11_440 })]);

    await give(tenantA, inv.id, [inv.paid(p2, 11_440, '2026-07-01T15:20:00.000Z', 'card_present'), inv.settled(21_440, '2026-07-01T15:20:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'paid', paid: 21_440, balance: 0, settled: true, version: 4 })]);

    await give(tenantA, inv.id, [inv.refunded(p1, 5000, '2026-07-02T09:00:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'partially_paid', paid: 16_440, balance: 5000, settled: false, version: 5 })]);
    expect(await spec.thenRows(`select method, amount_minor::int as amount, refunded_minor::int as refunded, jsonb_array_length(refunds) as refunds
      from shop.invoice_payments where invoice_id = $1 order by received_at`, [inv.id]))
      .toEqual([{ method: 'cash', amount: 10_000, refunded: 5000, refunds: 1 }, { method: 'card_present', amount: 11_440, refunded: 0, refunds: 0 }]);
  });

  it('goes back to issued when a refund leaves nothing paid, and a void clears the balance', async () => {
    const inv = invoiceEvents();
    const p = randomUUID();
    await give(tenantA, inv.id, [
      inv.issued({ number: 'INV-0002', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-03T15:00:00.000Z' }),
      inv.paid(p, 4000, '2026-07-03T15:05:00.000Z'),
      inv.refunded(p, 4000, '2026-07-03T15:06:00.000Z'),
    ]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'issued', paid: 0, balance: 21_440 })]);
    await give(tenantA, inv.id, [inv.voided('2026-07-03T16:00:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'void', balance: 0, void_reason: 'issued in error' })]);
  });

  it("keeps each tenant's invoice under its own tenant_id: a payment to one leaves the other's balance", async () => {
    const inv = invoiceEvents();
    await give(tenantA, inv.id, [inv.issued({ number: 'INV-0001', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-04T10:00:00.000Z' })]);
    await give(tenantB, inv.id, [
      inv.issued({ number: 'INV-0001', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-04T10:00:00.000Z' }),
      inv.paid(randomUUID(), 21_440, '2026-07-04T10:05:00.000Z'),
    ]);
    const rows = await spec.thenRows<{ tenant_id: string; status: string; balance: number }>(invoiceRow, [inv.id]);
    expect(Object.fromEntries(rows.map((r) => [r.tenant_id, [r.status, r.balance]]))).toEqual({ [tenantA]: ['issued', 21_440], [tenantB]: ['paid', 0] });
    expect(await spec.thenRows(`select tenant_id from shop.invoice_payments where invoice_id = $1`, [inv.id])).toEqual([{ tenant_id: tenantB }]);
  });

  // Not idempotent on redelivery by design: paid and balance move by each payment's amount,
  // trusting the runner's checkpoint in the same transaction. A rebuild (tables cleared) must agree.
  it('gives the same rows on a rebuild from position 0', async () => {
    const all = async () => ({
      invoices: await spec.thenRows(`select * from shop.invoices order by tenant_id, id`),
      lines: await spec.thenRows(`select * from shop.invoice_lines order by tenant_id, invoice_id, ordinal`),
      payments: await spec.thenRows(`select * from shop.invoice_payments order by tenant_id, invoice_id, payment_id`),
    });
    const before = await all();
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
