import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore, CommandResult, TenantProfiles } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { locationDecider } from '../locations/location.decider';
import { locationStreamCategory } from '../locations/location.events';
import { vehicleDecider } from '../vehicles/vehicle.decider';
import { loadReferenced } from '../shared/references';
import { vehicleStreamCategory } from '../vehicles/vehicle.events';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { CreateQuoteInput } from './quote.dto';
import { QuoteLineSource } from './quote-line-source';

/** A quote is for one of the customer's own vehicles (422 naming vehicleId). */
export class QuoteVehicleNotOfCustomer extends DomainError {
  readonly code = 'QUOTE_VEHICLE_NOT_OF_CUSTOMER';
  readonly field = 'vehicleId';
  constructor() {
    super('vehicleId: this vehicle belongs to another customer');
  }
}

/** Work is quoted only for a location that is open (422 naming locationId). */
export class QuoteLocationClosed extends DomainError {
  readonly code = 'QUOTE_LOCATION_CLOSED';
  readonly field = 'locationId';
  constructor(name: string) {
    super(`locationId: location '${name}' is closed`);
  }
}

export class CreateQuote extends Command<CommandResult> {
  constructor(readonly input: CreateQuoteInput) {
    super();
  }
}

@CommandHandler(CreateQuote)
export class CreateQuoteHandler implements ICommandHandler<CreateQuote> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly tenants: TenantProfiles,
    private readonly lineSource: QuoteLineSource,
  ) {}

  async execute({ input }: CreateQuote): Promise<CommandResult> {
    await loadReferenced(this.aggregates, customerDecider, customerStreamCategory, input.customerId, 'customerId', 'customer');
    const vehicle = await loadReferenced(this.aggregates, vehicleDecider, vehicleStreamCategory, input.vehicleId, 'vehicleId', 'vehicle');
    if (vehicle.status === 'active' && vehicle.customerId !== input.customerId) throw new QuoteVehicleNotOfCustomer();
    if (input.locationId) await this.requireOpenLocation(input.locationId);
    const { currency } = await this.tenants.current();
    const lines = await this.lineSource.lines(input, currency);
    const quoteId = this.aggregates.newId(quoteStreamCategory);
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, (_, { now, actor }) => ({
      type: 'CreateQuote',
      quoteId,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      locationId: input.locationId ?? null,
      currency,
      lines,
      discountMinor: input.discountMinor,
      createdAt: now,
      actor,
    }));
  }

  private async requireOpenLocation(locationId: string) {
    const state = await loadReferenced(this.aggregates, locationDecider, locationStreamCategory, locationId, 'locationId', 'location');
    if (state.status === 'closed') throw new QuoteLocationClosed(state.name);
  }
}
