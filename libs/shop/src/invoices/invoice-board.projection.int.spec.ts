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

  it('keeps how the place of supply was found, both parties\' tax ids, the reverse charge and each line\'s HSN/SAC', async () => {
    const inv = invoiceEvents();
    const issued = inv.issued({ number: 'INV-0100', repairOrderId: randomUUID(), lines: [{ ...laborLine(1.5, 12_000), hsnSac: '998714' }, partLine(1, 2000, false)], issuedAt: '2026-07-01T15:00:00.000Z' });
    const sellerTaxId = { scheme: 'EU_VAT' as const, value: 'DE123456789', country: 'DE' };
    const buyerTaxId = { scheme: 'EU_VAT' as const, value: 'FR40303265045', country: 'FR' };
    const buyerBillingAddress = { line1: '8 rue de Rivoli', line2: null, city: 'Paris', postalCode: '75004', regionCode: null, country: 'FR' };
    await give(tenantA, inv.id, [{ ...issued, data: { ...issued.data, placeOfSupplySource: null, sellerTaxId, buyerTaxId, buyerBillingAddress, reverseCharge: true, taxNote: 'Reverse charge' } }]);
    expect(await spec.thenRows(`select place_of_supply_source, seller_tax_id, buyer_tax_id, buyer_billing_address, reverse_charge, tax_note from shop.invoices where id = $1`, [inv.id]))
      .toEqual([{ place_of_supply_source: null, seller_tax_id: sellerTaxId, buyer_tax_id: buyerTaxId, buyer_billing_address: buyerBillingAddress, reverse_charge: true, tax_note: 'Reverse charge' }]);
    expect(await spec.thenRows(`select hsn_sac from shop.invoice_lines where invoice_id = $1 order by ordinal`, [inv.id])).toEqual([{ hsn_sac: '998714' }, { hsn_sac: null }]);

    // Billed to the customer's household: which record the buyer's details came from, for an auditor.
    const billed = invoiceEvents();
    const householdId = randomUUID();
    const billedIssued = billed.issued({ number: 'INV-0102', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-01T15:00:00.000Z' });
    await give(tenantA, billed.id, [{ ...billedIssued, data: { ...billedIssued.data, buyerTaxId, recipientSource: 'household', recipientHouseholdId: householdId } }]);
    expect(await spec.thenRows(`select recipient_source, recipient_household_id from shop.invoices where id = $1`, [billed.id]))
      .toEqual([{ recipient_source: 'household', recipient_household_id: householdId }]);

    // An invoice issued before these were kept reads as no source, no ids, no reverse charge.
    const old = invoiceEvents();
    await give(tenantA, old.id, [old.issued({ number: 'INV-0101', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-01T15:00:00.000Z' })]);
    expect(await spec.thenRows(`select place_of_supply_source, seller_tax_id, buyer_tax_id, reverse_charge, recipient_source, recipient_household_id from shop.invoices where id = $1`, [old.id]))
      .toEqual([{ place_of_supply_source: null, seller_tax_id: null, buyer_tax_id: null, reverse_charge: false, recipient_source: null, recipient_household_id: null }]);
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

  it('lowers the balance by a credit note, and a refund of the credit balance that follows leaves the invoice paid', async () => {
    const inv = invoiceEvents();
    const p = randomUUID();
    const labor = laborLine(1.5, 12_000);
    await give(tenantA, inv.id, [
      inv.issued({ number: 'INV-0003', repairOrderId: randomUUID(), lines: [labor, partLine(1, 2000, false)], issuedAt: '2026-07-05T15:00:00.000Z' }),
      inv.paid(p, 21_440, '2026-07-05T15:05:00.000Z'), inv.settled(21_440, '2026-07-05T15:05:00.000Z'),
      inv.credited(labor.lineId, 5000, 400, '2026-07-06T09:00:00.000Z'),
    ]);
    const credited = `select status, paid_minor::int as paid, credited_minor::int as credited, balance_due_minor::int as balance, paid_at is not null as settled from shop.invoices where id = $1`;
    expect(await spec.thenRows(credited, [inv.id])).toEqual([{ status: 'paid', paid: 21_440, credited: 5400, balance: -5400, settled: true }]);
    await give(tenantA, inv.id, [inv.refunded(p, 5400, '2026-07-06T10:00:00.000Z')]);
    expect(await spec.thenRows(credited, [inv.id])).toEqual([{ status: 'paid', paid: 16_040, credited: 5400, balance: 0, settled: true }]);
    // More than the credit balance re-opens the receivable, as a refund without a credit note does.
    await give(tenantA, inv.id, [inv.refunded(p, 1000, '2026-07-06T11:00:00.000Z')]);
    expect(await spec.thenRows(credited, [inv.id])).toEqual([{ status: 'partially_paid', paid: 15_040, credited: 5400, balance: 1000, settled: false }]);
  });

  it('reopens the balance by what Stripe withdrew for a dispute and settles it again when the funds are reinstated', async () => {
    const inv = invoiceEvents();
    const p = randomUUID();
    const money = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
    await give(tenantA, inv.id, [
      inv.issued({ number: 'INV-0005', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-01T15:00:00.000Z' }),
      inv.paid(p, 21_440, '2026-07-01T15:10:00.000Z', 'stripe'), inv.settled(21_440, '2026-07-01T15:10:00.000Z'),
      { type: 'PaymentDisputed', data: {
        invoiceId: inv.id, paymentId: p, disputeId: 'du_1', amount: money(6000), reason: 'fraudulent', status: 'needs_response', withdrawn: money(6000),
        openedAt: '2026-07-03T10:00:00.000Z', closedAt: null,
      } },
    ]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'partially_paid', paid: 15_440, balance: 6000, settled: false })]);
    const disputes = `select disputed_minor::int as disputed, disputes from shop.invoice_payments where invoice_id = $1`;
    expect(await spec.thenRows(disputes, [inv.id])).toEqual([{ disputed: 6000, disputes: [expect.objectContaining({ disputeId: 'du_1', status: 'needs_response', withdrawnMinor: 6000, closedAt: null })] }]);
    await give(tenantA, inv.id, [
      { type: 'PaymentDisputeUpdated', data: {
        invoiceId: inv.id, paymentId: p, disputeId: 'du_1', status: 'won', withdrawn: money(0), change: money(-6000), closedAt: '2026-07-20T10:00:00.000Z', updatedAt: '2026-07-20T10:00:00.000Z',
      } },
      inv.settled(21_440, '2026-07-20T10:00:00.000Z'),
    ]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'paid', paid: 21_440, balance: 0, settled: true })]);
    expect(await spec.thenRows(disputes, [inv.id])).toEqual([{ disputed: 0, disputes: [expect.objectContaining({ disputeId: 'du_1', amountMinor: 6000, status: 'won', withdrawnMinor: 0, closedAt: '2026-07-20T10:00:00.000Z' })] }]);
  });

  it('a refund that failed at Stripe goes back on paid, settles the invoice again and stays listed with its failure', async () => {
    const inv = invoiceEvents();
    const [p, r1, r2] = [randomUUID(), randomUUID(), randomUUID()];
    await give(tenantA, inv.id, [
      inv.issued({ number: 'INV-0006', repairOrderId: randomUUID(), lines: lines(), issuedAt: '2026-07-01T15:00:00.000Z' }),
      inv.paid(p, 21_440, '2026-07-01T15:10:00.000Z', 'stripe'), inv.settled(21_440, '2026-07-01T15:10:00.000Z'),
      inv.refunded(p, 2000, '2026-07-02T09:00:00.000Z', r1), inv.refunded(p, 3000, '2026-07-02T09:30:00.000Z', r2),
    ]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'partially_paid', paid: 16_440, balance: 5000, settled: false })]);
    await give(tenantA, inv.id, [inv.refundFailed(p, r2, 3000, '2026-07-03T08:00:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'partially_paid', paid: 19_440, balance: 2000, settled: false })]);
    const refunds = `select refunded_minor::int as refunded, refunds from shop.invoice_payments where invoice_id = $1`;
    expect(await spec.thenRows(refunds, [inv.id])).toEqual([{ refunded: 2000, refunds: [
      expect.not.objectContaining({ failed: expect.anything() }),
      expect.objectContaining({ refundId: r2, amountMinor: 3000, failed: { status: 'failed', reason: 'expired_or_canceled_card', failedAt: '2026-07-03T08:00:00.000Z' } }),
    ] }]);
    await give(tenantA, inv.id, [inv.refundFailed(p, r1, 2000, '2026-07-03T09:00:00.000Z'), inv.settled(21_440, '2026-07-03T09:00:00.000Z')]);
    expect(await spec.thenRows(invoiceRow, [inv.id])).toEqual([expect.objectContaining({ status: 'paid', paid: 21_440, balance: 0, settled: true })]);
    expect(await spec.thenRows(refunds, [inv.id])).toEqual([{ refunded: 0, refunds: [expect.objectContaining({ refundId: r1, failed: expect.objectContaining({ status: 'failed' }) }), expect.objectContaining({ refundId: r2 })] }]);
  });

  it('a failed refund of a credit balance gives the credit balance back and leaves the invoice paid', async () => {
    const inv = invoiceEvents();
    const [p, r] = [randomUUID(), randomUUID()];
    const labor = laborLine(1.5, 12_000);
    await give(tenantA, inv.id, [
      inv.issued({ number: 'INV-0007', repairOrderId: randomUUID(), lines: [labor, partLine(1, 2000, false)], issuedAt: '2026-07-05T15:00:00.000Z' }),
      inv.paid(p, 21_440, '2026-07-05T15:05:00.000Z', 'stripe'), inv.settled(21_440, '2026-07-05T15:05:00.000Z'),
      inv.credited(labor.lineId, 5000, 400, '2026-07-06T09:00:00.000Z'), inv.refunded(p, 5400, '2026-07-06T10:00:00.000Z', r),
      inv.refundFailed(p, r, 5400, '2026-07-07T10:00:00.000Z'),
    ]);
    expect(await spec.thenRows(`select status, paid_minor::int as paid, balance_due_minor::int as balance, paid_at from shop.invoices where id = $1`, [inv.id]))
      .toEqual([{ status: 'paid', paid: 21_440, balance: -5400, paid_at: new Date('2026-07-05T15:05:00.000Z') }]);
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
