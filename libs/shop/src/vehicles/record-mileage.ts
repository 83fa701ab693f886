import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { vehicleDecider } from './vehicle.decider';
import { vehicleStreamCategory } from './vehicle.events';
import { RecordMileageInput } from './vehicle.dto';

/** The odometer reading now (at intake, say); the next repair order's history shows it. */
export class RecordMileage extends Command<CommandResult> {
  constructor(readonly vehicleId: string, readonly input: RecordMileageInput) {
    super();
  }
}

@CommandHandler(RecordMileage)
export class RecordMileageHandler implements ICommandHandler<RecordMileage> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ vehicleId, input }: RecordMileage): Promise<CommandResult> {
    return this.aggregates.execute(vehicleDecider, vehicleStreamCategory, vehicleId, (_, { now, actor }) => ({
      type: 'RecordMileage', mileage: input.mileage, recordedAt: now, actor,
    }));
  }
}
