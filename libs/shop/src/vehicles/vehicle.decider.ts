/**
 * Vehicle aggregate: a customer's car, identified by its VIN, and its odometer history. Pure: time,
 * ids, the actor and the tenant's VIN policy arrive on the command.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import { readRequiredText, TEXT_REQUIRED_MESSAGE, TextRule } from '@workbay/platform/fields';
import { VehicleEvent } from './vehicle.events';
import { VinProblem, validateVin } from './vin.rules';

export interface AddVehicle {
  type: 'AddVehicle';
  vehicleId: string;
  customerId: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  mileage: number;
  addedAt: string;
  actor: string;
  /** Check the ISO 3779 check digit (position 9): true for North American tenants (US/CA). */
  enforceCheckDigit: boolean;
}

/** A new odometer reading; it may equal the last one but never go below it. */
export interface RecordMileage {
  type: 'RecordMileage';
  mileage: number;
  recordedAt: string;
  actor: string;
}

export type VehicleCommand = AddVehicle | RecordMileage;

export type VehicleState =
  | { status: 'unknown' }
  | {
      status: 'active';
      vehicleId: string;
      customerId: string;
      vin: string;
      year: number;
      make: string;
      model: string;
      mileage: number;
      addedAt: string;
      mileageRecordedAt: string;
    };

export const MIN_MODEL_YEAR = 1900;

export class VehicleAlreadyAdded extends DomainError {
  readonly code = 'VEHICLE_ALREADY_ADDED';
  override readonly kind = 'conflict' as const;
  constructor(vehicleId: string) {
    super(`vehicle ${vehicleId} already exists`);
  }
}

export class VehicleNotFound extends DomainError {
  readonly code = 'VEHICLE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('vehicle does not exist');
  }
}

/** `problem` tells which check failed: 'length', 'characters' or 'check-digit'. */
export class InvalidVin extends DomainError {
  readonly code = 'VEHICLE_VIN_INVALID';
  readonly field = 'vin';
  constructor(readonly problem: VinProblem, message: string) {
    super(message);
  }
}

export class InvalidVehicleYear extends DomainError {
  readonly code = 'VEHICLE_YEAR_INVALID';
  readonly field = 'year';
  constructor(year: number, maxYear: number) {
    super(`model year must be a whole year between ${MIN_MODEL_YEAR} and ${maxYear}, got ${year}`);
  }
}

export class VehicleDescriptionRequired extends DomainError {
  readonly code = 'VEHICLE_DESCRIPTION_REQUIRED';
  constructor(readonly field: 'make' | 'model') {
    super(`${field} must not be empty`);
  }
}

/** Make or model breaks the text rule: too long, or control characters. */
export class InvalidVehicleText extends DomainError {
  readonly code = 'VEHICLE_TEXT_INVALID';
  constructor(readonly field: 'make' | 'model', problem: string) {
    super(`${field} ${problem}`);
  }
}

export class InvalidMileage extends DomainError {
  readonly code = 'VEHICLE_MILEAGE_INVALID';
  readonly field = 'mileage';
  constructor(mileage: number) {
    super(`mileage must be a whole number of at least 0, got ${mileage}`);
  }
}

export class MileageDecreased extends DomainError {
  readonly code = 'VEHICLE_MILEAGE_DECREASED';
  readonly field = 'mileage';
  constructor(mileage: number, current: number) {
    super(`mileage may not go down: ${mileage} is below the recorded ${current}`);
  }
}

/** Next year's models are on sale before the calendar turns, so the latest year is the year of addedAt + 1. */
export function maxModelYear(addedAt: string): number {
  return Number(addedAt.slice(0, 4)) + 1;
}

function validMileage(mileage: number): number {
  if (!Number.isSafeInteger(mileage) || mileage < 0) throw new InvalidMileage(mileage);
  return mileage;
}

/** A vehicle's make and model: one line each; checked by this rule here and by the DTO. */
export const VEHICLE_TEXT = { make: { max: 60 }, model: { max: 60 } } as const satisfies Record<'make' | 'model', TextRule>;

function required(value: string, field: 'make' | 'model'): string {
  const read = readRequiredText(value, VEHICLE_TEXT[field]);
  if (!read.ok && read.problem === TEXT_REQUIRED_MESSAGE) throw new VehicleDescriptionRequired(field);
  if (!read.ok) throw new InvalidVehicleText(field, read.problem);
  return read.text;
}

export const vehicleDecider: Decider<VehicleState, VehicleCommand, VehicleEvent> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'AddVehicle': {
        if (state.status !== 'unknown') throw new VehicleAlreadyAdded(state.vehicleId);
        const checked = validateVin(command.vin, { enforceCheckDigit: command.enforceCheckDigit });
        if (!checked.valid) throw new InvalidVin(checked.problem, checked.message);
        const maxYear = maxModelYear(command.addedAt);
        const { year } = command;
        if (!Number.isInteger(year) || year < MIN_MODEL_YEAR || year > maxYear) throw new InvalidVehicleYear(year, maxYear);
        const make = required(command.make, 'make');
        const model = required(command.model, 'model');
        const mileage = validMileage(command.mileage);
        const { vehicleId, customerId, addedAt } = command;
        return [
          { type: 'VehicleAdded', data: { vehicleId, customerId, vin: checked.vin, year, make, model, mileage, addedAt } },
        ];
      }
      case 'RecordMileage': {
        if (state.status !== 'active') throw new VehicleNotFound();
        const mileage = validMileage(command.mileage);
        if (mileage < state.mileage) throw new MileageDecreased(mileage, state.mileage);
        return [
          {
            type: 'MileageRecorded',
            data: { vehicleId: state.vehicleId, mileage, previousMileage: state.mileage, recordedAt: command.recordedAt },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown vehicle command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'VehicleAdded':
        return { status: 'active', ...event.data, mileageRecordedAt: event.data.addedAt };
      case 'MileageRecorded':
        if (state.status !== 'active') return state;
        return { ...state, mileage: event.data.mileage, mileageRecordedAt: event.data.recordedAt };
      default:
        return state;
    }
  },
};
