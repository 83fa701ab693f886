import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError, ValidationFailed } from '@workbay/platform';
import { locationDecider } from '../locations/location.decider';
import { locationStreamCategory } from '../locations/location.events';
import { repairOrderDecider } from '../repair-orders/repair-order.decider';
import { repairOrderStreamCategory } from '../repair-orders/repair-order.events';
import { IssueInvoiceInput } from './invoice.dto';
import { invoiceDecider, IssueInvoice as IssueInvoiceCommand, InvoiceState, RepairOrderFacts } from './invoice.decider';
import { invoiceStreamCategory } from './invoice.events';
import { formatInvoiceNumber, invoiceNumberAssigned, invoiceNumberStreamCategory } from './invoice-number.rules';
import { loadReferenced } from '../shared/references';
import { retryOnConflict } from './retry-on-conflict';
import { TaxJurisdiction } from './tax.rules';
import type { TaxId } from './tax-id.rules';
import { Recipient, recipientOf } from './place-of-supply.rules';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { householdDecider } from '../households/household.decider';
import { householdStreamCategory } from '../households/household.events';

/**
 * Issues the invoice of an approved repair order: its lines, tax under the location's jurisdiction,
 * totals, a number. One live invoice per repair order; once it is voided, a new one (new number) may be issued.
 */
export class IssueInvoice extends Command<CommandResult> {
  constructor(readonly repairOrderId: string, readonly input: IssueInvoiceInput = {}) {
    super();
  }
}

@CommandHandler(IssueInvoice)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoice> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ repairOrderId, input }: IssueInvoice): Promise<CommandResult> {
    const { state: ro } = await this.aggregates.load(repairOrderDecider, repairOrderStreamCategory, repairOrderId, { what: 'repair order' });
    if (ro.status === 'none') throw new NotFoundError('repair order', repairOrderId);
    const invoiceId = await this.invoiceOf(repairOrderId);
    const locationId = this.locationFor(ro.locationId, input.locationId);
    const facts: RepairOrderFacts = {
      repairOrderId, status: ro.status, customerId: ro.customerId, vehicleId: ro.vehicleId, locationId, currency: ro.currency, lines: ro.lines,
    };
    const { jurisdiction, sellerTaxId } = locationId === null ? { jurisdiction: null, sellerTaxId: null } : await this.taxOf(locationId, ro.locationId === null);
    const recipient = await this.recipientOf(ro.customerId);
    // Lost to a concurrent issue of the same repair order: deciding again on its stream names the invoice it made.
    return retryOnConflict(() => this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, async (current, { now, actor }) => {
      const command = (number: string): IssueInvoiceCommand => ({
        type: 'IssueInvoice', invoiceId, number, repairOrder: facts, jurisdiction,
        placeOfSupplyStateCode: input.placeOfSupplyStateCode ?? null, recipient, sellerTaxId, issuedAt: now, actor,
      });
      // Decide once before taking a number, so a refused issue (not approved, already invoiced, bad
      // place of supply) leaves no gap in the sequence. The append that follows expects the version
      // decided on: a concurrent issue of the same repair order fails there with a 409.
      invoiceDecider.decide(command(formatInvoiceNumber(0)), current);
      return command(await this.reserveNumber(invoiceId, now));
    }), 2);
  }

  /** The repair order's own location; the one given only fills in for a repair order opened without one. */
  private locationFor(ofRepairOrder: string | null, given: string | undefined): string | null {
    if (ofRepairOrder !== null && given !== undefined && given !== ofRepairOrder) {
      throw new ValidationFailed([{ field: 'locationId', message: `the repair order was worked at location ${ofRepairOrder}; its invoice is issued there` }]);
    }
    return ofRepairOrder ?? given ?? null;
  }

  /**
   * The recipient's billing details from the streams (not the directory): the place of supply must
   * not lag an edit made a moment ago. The customer's own; with none, their household's (the
   * customer's stream says which household they are in now, the household's stream its details).
   */
  private async recipientOf(customerId: string): Promise<Recipient> {
    const customer = await this.loadOrNone(() => this.aggregates.load(customerDecider, customerStreamCategory, customerId, { what: 'customer' }));
    if (customer === null || customer.status !== 'registered') return recipientOf({ taxId: null, billingAddress: null }, null);
    const own = { taxId: customer.taxId ?? null, billingAddress: customer.billingAddress ?? null };
    if (own.taxId !== null || own.billingAddress !== null || customer.householdId === null) return recipientOf(own, null);
    const { householdId } = customer;
    const household = await this.loadOrNone(() => this.aggregates.load(householdDecider, householdStreamCategory, householdId, { what: 'household' }));
    return recipientOf(own, household?.status === 'formed' ? { householdId, taxId: household.taxId ?? null, billingAddress: household.billingAddress ?? null } : null);
  }

  private async loadOrNone<S>(load: () => Promise<{ state: S }>): Promise<S | null> {
    try {
      return (await load()).state;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  private async taxOf(locationId: string, chosenNow: boolean): Promise<{ jurisdiction: TaxJurisdiction; sellerTaxId: TaxId | null }> {
    // A location the caller names (`chosenNow`) that this shop lacks is a 422 naming it; the repair order's own must exist.
    const state = chosenNow
      ? await loadReferenced(this.aggregates, locationDecider, locationStreamCategory, locationId, 'locationId', 'location')
      : (await this.aggregates.load(locationDecider, locationStreamCategory, locationId, { what: 'location' })).state;
    if (state.status === 'none') throw new NotFoundError('location', locationId);
    if (chosenNow && state.status === 'closed') throw new ValidationFailed([{ field: 'locationId', message: `location '${state.name}' is closed` }]);
    return { jurisdiction: state.taxJurisdiction, sellerTaxId: state.taxId ?? null };
  }

  /**
   * The repair order's live invoice, or the one to issue: ids follow from the repair order's
   * (the first) and from how many were voided before (each re-issue), so two advisors issuing at
   * once race for the same stream and one gets a 409, and a voided invoice keeps its number.
   */
  private async invoiceOf(repairOrderId: string): Promise<string> {
    for (let voided = 0; ; voided++) {
      const invoiceId = this.aggregates.derivedId(invoiceStreamCategory, repairOrderStreamCategory, repairOrderId, ...(voided ? [`reissue-${voided}`] : []));
      if ((await this.currentInvoice(invoiceId)).status !== 'void') return invoiceId;
    }
  }

  private async currentInvoice(invoiceId: string): Promise<InvoiceState> {
    try {
      return (await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId)).state;
    } catch (error) {
      if (error instanceof NotFoundError) return invoiceDecider.initialState();
      throw error;
    }
  }

  /** The invoice's number from the tenant's sequence; the same number again if this invoice already took one. */
  private async reserveNumber(invoiceId: string, assignedAt: string): Promise<string> {
    const sequenceId = this.aggregates.derivedId(invoiceNumberStreamCategory, 'sequence');
    const sequence = await this.aggregates.takeNext(invoiceNumberStreamCategory, sequenceId, invoiceId, (next) =>
      invoiceNumberAssigned(invoiceId, next, assignedAt),
    );
    return formatInvoiceNumber(sequence);
  }
}
