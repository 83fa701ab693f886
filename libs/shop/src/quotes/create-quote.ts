import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, NotFoundError, RequestContext, TenantProfiles, ValidationFailed } from '@workbay/platform';
import { customerDecider } from '../customers/customer';
import { customerStreamCategory } from '../customers/customer.events';
import { cannedJobDecider, CannedJobState } from '../job-catalog/canned-job';
import { cannedJobStreamCategory } from '../job-catalog/canned-job.events';
import { quoteLinesFrom } from '../job-catalog/canned-job-quote-lines';
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
    // Jobs are read from their streams, not the catalog read model: a job defined a moment ago is quotable at once.
    const jobs = await Promise.all((input.cannedJobIds ?? []).map((id) => this.cannedJob(id)));
    const lines = quoteLinesFrom(input.lines ?? [], jobs, currency);
    const quoteId = this.aggregates.newId(quoteStreamCategory);
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, {
      type: 'CreateQuote',
      quoteId,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      currency,
      lines,
      createdAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }

  /** The job as it stands now; 'none' when this tenant has no such job (quoteLinesFrom names the field). */
  private async cannedJob(id: string): Promise<CannedJobState> {
    try {
      return (await this.aggregates.load(cannedJobDecider, cannedJobStreamCategory, id, { what: 'canned job' })).state;
    } catch (error) {
      if (error instanceof NotFoundError) return { status: 'none' };
      throw error;
    }
  }
}
