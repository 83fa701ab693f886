import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@workbay/eventstore';
import { AggregateStore, TenantProfiles } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { locationDecider } from '../locations/location.decider';
import { locationStreamCategory } from '../locations/location.events';
import { loadReferenced, UnknownReference } from '../shared/references';
import { vehicleDecider } from '../vehicles/vehicle.decider';
import { vehicleStreamCategory } from '../vehicles/vehicle.events';
import { QuoteLocationClosed, QuoteVehicleNotOfCustomer } from './create-quote';
import { OpenVisitQuote, VisitQuoteOpened } from './open-visit-quote.command';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';

@CommandHandler(OpenVisitQuote)
export class OpenVisitQuoteHandler implements ICommandHandler<OpenVisitQuote> {
  constructor(private readonly aggregates: AggregateStore, private readonly tenants: TenantProfiles) {}

  async execute({ request }: OpenVisitQuote): Promise<VisitQuoteOpened> {
    // The quote's id is the visit's, so the quote stream itself says whether it was opened.
    const quoteId = this.aggregates.derivedId(quoteStreamCategory, 'visit', request.visitId);
    const customer = await loadReferenced(this.aggregates, customerDecider, customerStreamCategory, request.customerId, 'customerId', 'customer');
    if (customer.status !== 'registered') throw new UnknownReference('customerId', 'customer');
    const vehicle = await loadReferenced(this.aggregates, vehicleDecider, vehicleStreamCategory, request.vehicleId, 'vehicleId', 'vehicle');
    if (vehicle.status !== 'active' || vehicle.customerId !== request.customerId) throw new QuoteVehicleNotOfCustomer();
    if (request.locationId) {
      const location = await loadReferenced(this.aggregates, locationDecider, locationStreamCategory, request.locationId, 'locationId', 'location');
      if (location.status === 'closed') throw new QuoteLocationClosed(location.name);
    }
    const { currency } = await this.tenants.current();
    try {
      const result = await this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, (_, { now, actor }) => ({
        type: 'CreateQuote',
        quoteId,
        customerId: request.customerId,
        vehicleId: request.vehicleId,
        locationId: request.locationId,
        currency,
        lines: [{
          lineId: 'visit', kind: 'labor', description: request.description, quantity: 1,
          unitPriceMinor: request.currency === currency ? request.priceMinor : 0, taxable: true,
        }],
        createdAt: now,
        actor,
      }), { expectedVersion: 0 });
      return { quoteId, opened: true, position: result.position };
    } catch (error) {
      // Opened before (a retry, or two at once): that quote is the visit's.
      if (error instanceof ConcurrencyError) return { quoteId, opened: false, position: null };
      throw error;
    }
  }
}
