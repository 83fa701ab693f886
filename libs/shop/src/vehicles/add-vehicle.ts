import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, TenantProfiles } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { loadReferenced } from '../shared/references';
import { vehicleDecider } from './vehicle.decider';
import { vehicleStreamCategory } from './vehicle.events';
import { AddVehicleInput } from './vehicle.dto';

/** North American VINs carry a check digit; elsewhere position 9 is free. */
const CHECK_DIGIT_COUNTRIES = new Set(['US', 'CA']);

export class AddVehicle extends Command<CommandResult> {
  constructor(readonly input: AddVehicleInput) {
    super();
  }
}

@CommandHandler(AddVehicle)
export class AddVehicleHandler implements ICommandHandler<AddVehicle> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly tenants: TenantProfiles,
  ) {}

  async execute({ input }: AddVehicle): Promise<CommandResult> {
    // The owner must be a customer of this tenant: another tenant's id is as unknown as a made-up one (422).
    await loadReferenced(this.aggregates, customerDecider, customerStreamCategory, input.customerId, 'customerId', 'customer');
    const { country } = await this.tenants.current();
    const vehicleId = this.aggregates.newId(vehicleStreamCategory);
    return this.aggregates.execute(vehicleDecider, vehicleStreamCategory, vehicleId, (_, { now, actor }) => ({
      type: 'AddVehicle',
      vehicleId,
      customerId: input.customerId,
      vin: input.vin,
      year: input.year,
      make: input.make,
      model: input.model,
      mileage: input.mileage,
      addedAt: now,
      actor,
      enforceCheckDigit: CHECK_DIGIT_COUNTRIES.has(country),
    }));
  }
}
