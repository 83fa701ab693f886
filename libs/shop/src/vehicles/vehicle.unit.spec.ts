import { given } from '@workbay/eventstore/testing';
import {
  AddVehicle,
  InvalidMileage,
  InvalidVehicleYear,
  InvalidVin,
  MileageDecreased,
  RecordMileage,
  VehicleAlreadyAdded,
  vehicleDecider,
  VehicleDescriptionRequired,
  InvalidVehicleText,
  VehicleNotFound,
} from './vehicle.decider';
import { MileageRecorded, VehicleAdded, vehicleStreamCategory } from './vehicle.events';

const add = (overrides: Partial<AddVehicle> = {}): AddVehicle => ({
  type: 'AddVehicle',
  vehicleId: 'veh-1',
  customerId: 'cus-1',
  vin: '1HGCM82633A004352',
  year: 2003,
  make: 'Honda',
  model: 'Accord',
  mileage: 120_500,
  addedAt: '2025-03-01T09:00:00.000Z',
  actor: 'user-1',
  enforceCheckDigit: true,
  ...overrides,
});

const added: VehicleAdded = {
  type: 'VehicleAdded',
  data: {
    vehicleId: 'veh-1',
    customerId: 'cus-1',
    vin: '1HGCM82633A004352',
    year: 2003,
    make: 'Honda',
    model: 'Accord',
    mileage: 120_500,
    addedAt: '2025-03-01T09:00:00.000Z',
  },
};

const record = (mileage: number): RecordMileage => ({
  type: 'RecordMileage',
  mileage,
  recordedAt: '2025-06-01T10:00:00.000Z',
  actor: 'user-2',
});

describe('Vehicle', () => {
  it("lives in the 'vehicle' stream category", () => {
    expect(vehicleStreamCategory).toBe('vehicle');
  });

  describe('adding a vehicle', () => {
    it('adds a vehicle with a valid North American VIN', () => {
      const state = given(vehicleDecider).when(add()).then([added]);
      expect(state).toMatchObject({ status: 'active', mileage: 120_500, mileageRecordedAt: added.data.addedAt });
    });

    it('stores the VIN upper-cased and trimmed, and make and model trimmed', () => {
      given(vehicleDecider)
        .when(add({ vin: ' 1hgcm82633a004352 ', make: ' Honda ', model: 'Accord  ' }))
        .then([added]);
    });

    it('accepts a European VIN without a check digit when the tenant does not enforce it', () => {
      given(vehicleDecider)
        .when(add({ vin: 'WP0ZZZ99ZTS392124', enforceCheckDigit: false }))
        .then([{ ...added, data: { ...added.data, vin: 'WP0ZZZ99ZTS392124' } }]);
    });

    it('rejects a VIN whose check digit does not match when the tenant enforces it', () => {
      const error = given(vehicleDecider)
        .when(add({ vin: '1HGCM82643A004352' }))
        .thenThrows(InvalidVin, { code: 'VEHICLE_VIN_INVALID', kind: 'rule', field: 'vin', message: /expected 3/ });
      expect(error.problem).toBe('check-digit');
    });

    it('rejects a VIN that is not 17 characters', () => {
      given(vehicleDecider).when(add({ vin: '1HGCM8263' })).thenThrows(InvalidVin, { field: 'vin', message: /17 characters/ });
    });

    it('rejects a VIN containing I, O or Q even when the check digit is not enforced', () => {
      given(vehicleDecider)
        .when(add({ vin: '1HGCM82633A0O4352', enforceCheckDigit: false }))
        .thenThrows(InvalidVin, { field: 'vin', message: /except I, O and Q/ });
    });

    it.each([1900, 2026])('accepts model year %i (1900 up to the year after it is added)', (year) => {
      given(vehicleDecider).when(add({ year })).then([{ ...added, data: { ...added.data, year } }]);
    });

    it.each([1899, 2027, 2003.5, Number.NaN])('rejects model year %p as out of range', (year) => {
      given(vehicleDecider)
        .when(add({ year }))
        .thenThrows(InvalidVehicleYear, { code: 'VEHICLE_YEAR_INVALID', kind: 'rule', field: 'year', message: /1900 and 2026/ });
    });

    it.each(['make', 'model'] as const)('rejects a %s over 60 characters (the DTO rule)', (field) => {
      given(vehicleDecider).when(add({ [field]: 'H'.repeat(61) })).thenThrows(InvalidVehicleText, { code: 'VEHICLE_TEXT_INVALID', field });
    });

    it.each(['make', 'model'] as const)('rejects a blank %s', (field) => {
      given(vehicleDecider)
        .when(add({ [field]: '   ' }))
        .thenThrows(VehicleDescriptionRequired, { code: 'VEHICLE_DESCRIPTION_REQUIRED', kind: 'rule', field });
    });

    it('accepts a brand-new vehicle with zero mileage', () => {
      given(vehicleDecider).when(add({ mileage: 0 })).then([{ ...added, data: { ...added.data, mileage: 0 } }]);
    });

    it.each([-1, 10.5, Number.POSITIVE_INFINITY])('rejects mileage %p as not a whole number of at least 0', (mileage) => {
      given(vehicleDecider)
        .when(add({ mileage }))
        .thenThrows(InvalidMileage, { code: 'VEHICLE_MILEAGE_INVALID', kind: 'rule', field: 'mileage' });
    });

    it('rejects adding the same vehicle twice with a conflict', () => {
      given(vehicleDecider, [added])
        .when(add())
        .thenThrows(VehicleAlreadyAdded, { code: 'VEHICLE_ALREADY_ADDED', kind: 'conflict' });
    });
  });

  describe('recording mileage', () => {
    const recorded: MileageRecorded = {
      type: 'MileageRecorded',
      data: { vehicleId: 'veh-1', mileage: 125_000, previousMileage: 120_500, recordedAt: '2025-06-01T10:00:00.000Z' },
    };

    it('records a higher odometer reading with the previous one', () => {
      const state = given(vehicleDecider, [added]).when(record(125_000)).then([recorded]);
      expect(state).toMatchObject({ mileage: 125_000, mileageRecordedAt: '2025-06-01T10:00:00.000Z' });
    });

    it('records the same reading again (the odometer did not move)', () => {
      given(vehicleDecider, [added, recorded])
        .when(record(125_000))
        .then([{ type: 'MileageRecorded', data: { ...recorded.data, previousMileage: 125_000 } }]);
    });

    it('rejects a reading below the last recorded one, naming the mileage field', () => {
      given(vehicleDecider, [added, recorded]).when(record(124_999)).thenThrows(MileageDecreased, {
        code: 'VEHICLE_MILEAGE_DECREASED',
        kind: 'rule',
        field: 'mileage',
        message: 'mileage may not go down: 124999 is below the recorded 125000',
      });
    });

    it('rejects a negative or fractional reading', () => {
      given(vehicleDecider, [added]).when(record(-5)).thenThrows(InvalidMileage, { field: 'mileage' });
      given(vehicleDecider, [added]).when(record(130_000.25)).thenThrows(InvalidMileage, { field: 'mileage' });
    });

    it('reports a vehicle that was never added as not found', () => {
      given(vehicleDecider).when(record(10)).thenThrows(VehicleNotFound, { code: 'VEHICLE_NOT_FOUND', kind: 'not-found' });
    });
  });

  it('ignores a mileage event for a vehicle it does not know instead of throwing', () => {
    const orphan: MileageRecorded = {
      type: 'MileageRecorded',
      data: { vehicleId: 'veh-9', mileage: 1, previousMileage: 0, recordedAt: '2025-01-01T00:00:00.000Z' },
    };
    expect(given(vehicleDecider, [orphan]).state).toEqual({ status: 'unknown' });
  });
});
