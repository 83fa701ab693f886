import { DateTime } from 'luxon';
import type { Platform } from './platform-harness';
import { ShopClient } from './shop-client';
import { eventually } from './waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
export const SHOP_ZONE = 'Asia/Kolkata';

export interface BookableShop {
  owner: ShopClient;
  slug: string;
  locationId: string;
  resourceId: string;
  serviceId: string;
}

/** A shop with one staff member working 09:00-18:00 every day and a 30-minute service offered online. */
export async function bookableShop(platform: Platform, name: string): Promise<BookableShop> {
  const owner = await ShopClient.signup(platform, name);
  const slug = (await owner.get('/auth/me').expect(200)).body.tenantSlug as string;
  const locationId = (await owner.post('/locations', {
    name: 'Indiranagar', address: BENGALURU, timezone: SHOP_ZONE, taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  }).expect(201)).body.id as string;
  const resource = (await owner.post('/scheduling/resources', { locationId, kind: 'staff', name: 'Meera', slotMinutes: 30 }).expect(201)).body;
  const weeklyHours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '09:00', end: '18:00' }));
  const hours = (await owner.put(`/scheduling/resources/${resource.id}/working-hours`, { weeklyHours }).expect(200)).body;
  const service = (await owner.post('/scheduling/services', {
    locationId, name: 'Haircut', durationMinutes: 30, price: { amountMinor: 50000, currency: 'INR' }, needs: [{ kind: 'staff' }], bookableOnline: true,
  }).expect(201)).body;
  // The directories ("any" resource, the public list) follow the streams: wait for both.
  // (Polled, not one read: on a loaded machine a projection can lag past the read wait's timeout.)
  const listed = async (path: string, position: number) => ((await owner.get(path, position)).status === 200 ? true : undefined);
  await eventually(() => listed(`/scheduling/resources/${resource.id}`, hours.position), 'the resource in the directory');
  await eventually(() => listed(`/scheduling/services/${service.id}`, service.position), 'the service in the directory');
  return { owner, slug, locationId, resourceId: resource.id, serviceId: service.id };
}

/** A start `days` ahead at `hhmm` in the shop's zone, as UTC ISO. */
export const shopTime = (days: number, hhmm: string): string => {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.now().setZone(SHOP_ZONE).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO()!;
};

