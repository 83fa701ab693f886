import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext, TenantProfiles, ValidationFailed } from '@workbay/platform';
import { customerDecider } from '../customers/customer';
import { customerStreamCategory } from '../customers/customer.events';
import { vehicleDecider } from '../vehicles/vehicle';
import { vehicleStreamCategory } from '../vehicles/vehicle.events';
import { quoteDecider } from './quote';
import { quoteStreamCategory } from './quote.events';
import { CreateQuoteInput } from './quote.dto';

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
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async execute({ input }: CreateQuote): Promise<CommandResult> {
    await this.aggregates.load(customerDecider, customerStreamCategory, input.customerId, { what: 'customer' });
    const { state: vehicle } = await this.aggregates.load(vehicleDecider, vehicleStreamCategory, input.vehicleId, { what: 'vehicle' });
    if (vehicle.status === 'active' && vehicle.customerId !== input.customerId) {
      throw new ValidationFailed([{ field: 'vehicleId', message: 'this vehicle belongs to another customer' }]);
    }
    const { currency } = await this.tenants.current();
    const quoteId = this.aggregates.newId(quoteStreamCategory);
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, {
      type: 'CreateQuote',
      quoteId,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      currency,
      lines: input.lines.map((line, i) => ({
        lineId: line.lineId ?? `line-${i + 1}`,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        taxable: line.taxable,
      })),
      createdAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }
}
