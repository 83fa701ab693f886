/** Facts about a bookable service. Stream: `${tenantId}.service-${serviceId}`. */
import type { BookingRules, ServiceNeed } from '../shared/schedule.rules';

export const serviceStreamCategory = 'service' as const;

interface ServiceTerms {
  serviceId: string;
  locationId: string;
  name: string;
  durationMinutes: number;
  price: { amountMinor: number; currency: string };
  needs: ServiceNeed[];
  seatsPerBooking: number;
  rules: Partial<BookingRules>;
  bookableOnline: boolean;
}

export interface ServiceDefined {
  type: 'ServiceDefined';
  data: ServiceTerms & { definedAt: string };
}

/** Every term after the change, not a diff; existing reservations keep the terms they were booked with. */
export interface ServiceRevised {
  type: 'ServiceRevised';
  data: ServiceTerms & { revisedAt: string };
}

export interface ServiceRetired {
  type: 'ServiceRetired';
  data: { serviceId: string; retiredAt: string };
}

export type ServiceEvent = ServiceDefined | ServiceRevised | ServiceRetired;
export const SERVICE_EVENT_TYPES: readonly ServiceEvent['type'][] = ['ServiceDefined', 'ServiceRevised', 'ServiceRetired'];
