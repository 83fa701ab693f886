import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { InvoiceEvent } from './invoice.events';

/**
 * Invoices with totals, paid and balance due; their lines and payments. Status follows the
 * decider: a payment that leaves a balance is partially_paid, InvoicePaid marks paid (with the
 * instant, for dashboards), a refund re-opens the balance (issued when nothing is left paid)
 * unless it only gives back a credit balance (a credit note's money): then the invoice stays paid.
 * A credit note lowers the balance by its grand total (`InvoicePaid` follows when that settles it).
 * A dispute's withdrawn money comes off paid as a refund's does, and goes back on when reinstated
 * (`change` below 0; `InvoicePaid` follows when that settles it again). A refund that failed at Stripe
 * stays listed with its failure, and its amount goes back on paid (`InvoicePaid` follows when that
 * settles the invoice again; a credit note's refund that fails leaves it paid, the credit balance back).
 * Right-hand sides of an UPDATE read the row as it was, so `paid_minor - ?` is the new amount.
 */
export const invoiceBoardProjection: Projection = {
  name: 'shop.invoice-board',
  eventTypes: ['InvoiceIssued', 'PaymentRecorded', 'PaymentRefunded', 'InvoicePaid', 'InvoiceVoided', 'InvoiceCredited', 'PaymentDisputed', 'PaymentDisputeUpdated', 'PaymentRefundFailed'],
  tables: ['shop.invoice_payments', 'shop.invoice_lines', 'shop.invoices'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as InvoiceEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    const at = stored.recordedAt;
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        await em.execute(
          `insert into shop.invoices (tenant_id, id, number, status, repair_order_id, customer_id, vehicle_id, location_id, currency, currency_exponent,
             jurisdiction, place_of_supply, place_of_supply_source, seller_tax_id, buyer_tax_id, buyer_billing_address, recipient_source, recipient_household_id,
             reverse_charge, tax_note, tax_summary, subtotal_minor, taxable_subtotal_minor, tax_total_minor, grand_total_minor,
             paid_minor, balance_due_minor, issued_at, version, updated_at)
           values (?, ?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 0, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.invoiceId, d.number, d.repairOrderId, d.customerId, d.vehicleId, d.locationId, d.currency, d.currencyExponent,
            JSON.stringify(d.jurisdiction), d.placeOfSupply, d.placeOfSupplySource ?? null, jsonOrNull(d.sellerTaxId), jsonOrNull(d.buyerTaxId),
            jsonOrNull(d.buyerBillingAddress), d.recipientSource ?? null, d.recipientHouseholdId ?? null, d.reverseCharge ?? false, d.taxNote ?? null, JSON.stringify(d.taxSummary), d.subtotal.amountMinor, d.taxableSubtotal.amountMinor,
            d.taxTotal.amountMinor, d.grandTotal.amountMinor, d.grandTotal.amountMinor, d.issuedAt, v, at],
        );
        for (const [ordinal, l] of d.lines.entries()) {
          await em.execute(
            `insert into shop.invoice_lines (tenant_id, invoice_id, line_id, ordinal, kind, description, hsn_sac, tax_category, quantity, unit_price_minor, taxable,
               amount_minor, tax_components, tax_minor, total_minor)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing`,
            [t, d.invoiceId, l.lineId, ordinal, l.kind, l.description, l.hsnSac ?? null, l.taxCategory ?? 'standard', l.quantity, l.unitPriceMinor, l.taxable,
              l.amount.amountMinor, JSON.stringify(l.components), l.tax.amountMinor, l.total.amountMinor],
          );
        }
        return;
      }
      case 'PaymentRecorded': {
        const d = event.data;
        const amount = d.amount.amountMinor;
        await em.execute(
          `insert into shop.invoice_payments (tenant_id, invoice_id, payment_id, method, amount_minor, refunded_minor, reference, received_at)
           values (?, ?, ?, ?, ?, 0, ?, ?) on conflict do nothing`,
          [t, d.invoiceId, d.paymentId, d.method, amount, d.reference, d.receivedAt],
        );
        await em.execute(
          `update shop.invoices set paid_minor = paid_minor + ?, balance_due_minor = balance_due_minor - ?,
             status = case when status = 'void' then status when balance_due_minor - ? <= 0 then 'paid' else 'partially_paid' end,
             version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [amount, amount, amount, v, at, t, d.invoiceId],
        );
        return;
      }
      case 'PaymentRefunded': {
        const d = event.data;
        const amount = d.amount.amountMinor;
        const refund = { refundId: d.refundId, amountMinor: amount, reference: d.reference, reason: d.reason, refundedAt: d.refundedAt, creditNoteId: d.creditNoteId ?? null };
        await em.execute(
          `update shop.invoice_payments set refunded_minor = refunded_minor + ?, refunds = refunds || jsonb_build_array(?::jsonb)
           where tenant_id = ? and invoice_id = ? and payment_id = ?`,
          [amount, JSON.stringify(refund), t, d.invoiceId, d.paymentId],
        );
        await em.execute(
          `update shop.invoices set paid_minor = paid_minor - ?, balance_due_minor = balance_due_minor + ?,
             status = case when status = 'void' then status when balance_due_minor + ? <= 0 then 'paid' when paid_minor - ? <= 0 then 'issued' else 'partially_paid' end,
             paid_at = case when status <> 'void' and balance_due_minor + ? <= 0 then paid_at end, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [amount, amount, amount, amount, amount, v, at, t, d.invoiceId],
        );
        return;
      }
      case 'PaymentRefundFailed': {
        const d = event.data;
        const amount = d.amount.amountMinor;
        const failed = { status: d.status, reason: d.reason, failedAt: d.failedAt };
        await em.execute(
          `update shop.invoice_payments set refunded_minor = refunded_minor - ?,
             refunds = (select coalesce(jsonb_agg(case when x->>'refundId' = ? then x || jsonb_build_object('failed', ?::jsonb) else x end), '[]'::jsonb) from jsonb_array_elements(refunds) x)
           where tenant_id = ? and invoice_id = ? and payment_id = ?`,
          [amount, d.refundId, JSON.stringify(failed), t, d.invoiceId, d.paymentId],
        );
        await em.execute(
          `update shop.invoices set paid_minor = paid_minor + ?, balance_due_minor = balance_due_minor - ?,
             status = case when status = 'void' then status when balance_due_minor - ? <= 0 then 'paid' when paid_minor + ? <= 0 then 'issued' else 'partially_paid' end,
             paid_at = case when status <> 'void' and balance_due_minor - ? <= 0 then paid_at end, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [amount, amount, amount, amount, amount, v, at, t, d.invoiceId],
        );
        return;
      }
      case 'PaymentDisputed':
      case 'PaymentDisputeUpdated': {
        const d = event.data;
        const change = event.type === 'PaymentDisputed' ? event.data.withdrawn.amountMinor : event.data.change.amountMinor;
        const dispute = event.type === 'PaymentDisputed'
          ? { disputeId: d.disputeId, amountMinor: event.data.amount.amountMinor, reason: event.data.reason, status: d.status, withdrawnMinor: d.withdrawn.amountMinor, openedAt: event.data.openedAt, closedAt: d.closedAt }
          : { status: d.status, withdrawnMinor: d.withdrawn.amountMinor, closedAt: d.closedAt };
        await em.execute(
          event.type === 'PaymentDisputed'
            ? `update shop.invoice_payments set disputed_minor = disputed_minor + ?, disputes = disputes || jsonb_build_array(?::jsonb)
               where tenant_id = ? and invoice_id = ? and payment_id = ?`
            : `update shop.invoice_payments set disputed_minor = disputed_minor + ?,
                 disputes = (select coalesce(jsonb_agg(case when x->>'disputeId' = ? then x || ?::jsonb else x end), '[]'::jsonb) from jsonb_array_elements(disputes) x)
               where tenant_id = ? and invoice_id = ? and payment_id = ?`,
          event.type === 'PaymentDisputed'
            ? [change, JSON.stringify(dispute), t, d.invoiceId, d.paymentId]
            : [change, d.disputeId, JSON.stringify(dispute), t, d.invoiceId, d.paymentId],
        );
        await em.execute(
          `update shop.invoices set paid_minor = paid_minor - ?, balance_due_minor = balance_due_minor + ?,
             status = case when status = 'void' then status when balance_due_minor + ? <= 0 then 'paid' when paid_minor - ? <= 0 then 'issued' else 'partially_paid' end,
             paid_at = case when status <> 'void' and balance_due_minor + ? <= 0 then paid_at end, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [change, change, change, change, change, v, at, t, d.invoiceId],
        );
        return;
      }
      case 'InvoicePaid':
        await em.execute(
          `update shop.invoices set status = 'paid', paid_at = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [event.data.paidAt, v, at, t, event.data.invoiceId],
        );
        return;
      case 'InvoiceCredited':
        await em.execute(
          `update shop.invoices set credited_minor = credited_minor + ?, balance_due_minor = balance_due_minor - ?, version = ?, updated_at = ?
           where tenant_id = ? and id = ?`,
          [event.data.grandTotal.amountMinor, event.data.grandTotal.amountMinor, v, at, t, event.data.invoiceId],
        );
        return;
      case 'InvoiceVoided':
        await em.execute(
          `update shop.invoices set status = 'void', voided_at = ?, void_reason = ?, balance_due_minor = 0, version = ?, updated_at = ?
           where tenant_id = ? and id = ?`,
          [event.data.voidedAt, event.data.reason, v, at, t, event.data.invoiceId],
        );
        return;
    }
  },
};

/** Absent (an invoice issued before the field was kept) and null are both SQL null, not the JSON value null. */
function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
