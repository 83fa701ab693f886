/** Facts about a vehicle. Stream: `${tenantId}.vehicle-${vehicleId}`; the actor is in the metadata. */

export const vehicleStreamCategory = 'vehicle' as const;

export interface VehicleAdded {
  type: 'VehicleAdded';
  data: {
    vehicleId: string;
    customerId: string;
    /** Normalized: 17 upper-case characters. */
    vin: string;
    year: number;
    make: string;
    model: string;
    /** Odometer reading when added, whole units (km or miles as the tenant counts). */
    mileage: number;
    /** ISO-8601 UTC. */
    addedAt: string;
  };
}

export interface MileageRecorded {
  type: 'MileageRecorded';
  data: {
    vehicleId: string;
    mileage: number;
    previousMileage: number;
    recordedAt: string;
  };
}

export type VehicleEvent = VehicleAdded | MileageRecorded;
