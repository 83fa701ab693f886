import { Injectable, Logger } from '@nestjs/common';
import { AggregateStore, AppConfig, NotFoundError, Notifications, RequestContext, TenantDb } from '@workbay/platform';
import { createHash } from 'node:crypto';
import { AvailabilityReader } from '../availability/availability-reader';
import type { AvailabilityArgs } from '../availability/availability.args';
import type { AvailabilityView } from '../availability/availability.dto';
import { BookingDefinitions } from '../booking/booking-definitions';
import { NotBookableReference } from '../booking/booking.errors';
import { BOOKING_CANCELLED_TEMPLATE, BOOKING_CONFIRMED_TEMPLATE } from '../notices/scheduling-templates';
import { BookSlots } from '../reservations/book-slots';
import { utcStart } from '../reservations/booking-input';
import { ReservationChanges } from '../reservations/reservation-changes';
import { reservationStreamCategory } from '../reservations/reservation.events';
import { ManageLinks } from './manage-links';
import {
  ManagedBookingView, OnlineBookingConfirmation, OnlineBookingInput, OnlineCancelInput, OnlineRescheduleInput, OnlineServicesView,
} from './online-booking.dto';
import { CHANGE_COST, READ_COST } from './online-booking.rules';
import { PublicBookingGate } from './public-booking-gate';

/**
 * The public booking pages: what a shop offers by its slug, a guest's booking (ReserveSlot's path
 * at the booking boundary, channel 'online'), and what its manage link may do. A link names one
 * booking of one tenant: any other id, and any booking not made online, is as unknown as none.
 */
@Injectable()
export class OnlineBooking {
  private readonly logger = new Logger('OnlineBooking');

  constructor(
    private readonly gate: PublicBookingGate,
    private readonly links: ManageLinks,
    private readonly definitions: BookingDefinitions,
    private readonly slots: BookSlots,
    private readonly changes: ReservationChanges,
    private readonly aggregates: AggregateStore,
    private readonly notifications: Notifications,
    private readonly db: TenantDb,
    private readonly context: RequestContext,
    private readonly config: AppConfig,
    private readonly availability: AvailabilityReader,
  ) {}

  services(slug: string, ip: string): Promise<OnlineServicesView> {
    return this.gate.bySlug(slug, ip, READ_COST, (tenantId) => this.db.run(async (em) => {
      const [shop] = await em.execute<Array<{ name: string }>>(`select name from platform.tenants where id = ?`, [tenantId]);
      const rows = await em.execute<Array<Record<string, any>>>(
        `select service_id, name, location_id, duration_minutes, price_minor, currency from scheduling.services
         where tenant_id = ? and active and bookable_online order by name, service_id`, [tenantId],
      );
      return {
        shopName: shop?.name ?? slug,
        items: rows.map((r) => ({ id: r.service_id, name: r.name, locationId: r.location_id, durationMinutes: r.duration_minutes, priceMinor: Number(r.price_minor), currency: r.currency })),
      };
    }, tenantId));
  }

  /** Free slots of a service the page offers: availability's reader (cached display advice) for the slug's tenant. */
  freeSlots(slug: string, ip: string, args: AvailabilityArgs): Promise<AvailabilityView> {
    return this.gate.bySlug(slug, ip, READ_COST, async (tenantId) => {
      await this.offeredOnline(args.serviceId);
      return this.availability.readFor(tenantId, args);
    });
  }

  book(slug: string, ip: string, input: OnlineBookingInput): Promise<OnlineBookingConfirmation> {
    return this.gate.bySlug(slug, ip, CHANGE_COST, async (tenantId) => {
      await this.offeredOnline(input.serviceId);
      const reservationId = this.reservationIdFor(input);
      const guest = { name: input.guest.name.trim(), email: input.guest.email.trim(), phone: input.guest.phone?.trim() || null };
      await this.slots.book(reservationId, {
        serviceId: input.serviceId,
        resources: input.resourceId && input.resourceId !== 'any' ? [input.resourceId] : null,
        slots: [{ reservationId, start: utcStart(input.start) }],
        terms: { party: { guest }, notes: input.notes?.trim() || null, seriesId: null, channel: 'online' },
        hold: false,
      });
      const token = await this.links.issue(tenantId, reservationId);
      const view = await this.view(reservationId);
      await this.mail(tenantId, reservationId, guest, BOOKING_CONFIRMED_TEMPLATE, view.start, `booking-confirmed-${reservationId}`);
      return { ...view, manageToken: token, manageUrl: `${this.config.PUBLIC_APP_URL.replace(/\/$/, '')}/book/manage/${token}` };
    });
  }

  async manage(token: string, ip: string): Promise<ManagedBookingView> {
    const link = await this.links.find(token);
    return this.gate.forTenant(link?.tenantId ?? null, ip, READ_COST, 'link', () => this.view(link!.reservationId));
  }

  async reschedule(token: string, ip: string, input: OnlineRescheduleInput): Promise<ManagedBookingView> {
    const link = await this.links.find(token);
    return this.gate.forTenant(link?.tenantId ?? null, ip, CHANGE_COST, 'link', async () => {
      await this.manageable(link!.reservationId);
      await this.slots.reschedule(link!.reservationId, utcStart(input.start), null);
      return this.view(link!.reservationId);
    });
  }

  async cancel(token: string, ip: string, input: OnlineCancelInput): Promise<ManagedBookingView> {
    const link = await this.links.find(token);
    return this.gate.forTenant(link?.tenantId ?? null, ip, CHANGE_COST, 'link', async (tenantId) => {
      const before = await this.manageable(link!.reservationId);
      await this.changes.apply(link!.reservationId, { type: 'Cancel', reason: input.reason?.trim() || null });
      if ('guest' in before.party) await this.mail(tenantId, link!.reservationId, before.party.guest, BOOKING_CANCELLED_TEMPLATE, before.start, `booking-cancelled-${link!.reservationId}`);
      return this.view(link!.reservationId);
    });
  }

  /** Only what the guest gave and the slot they took: never the resources' names, notes or anyone else. */
  private async view(reservationId: string): Promise<ManagedBookingView> {
    const r = await this.definitions.reservation(reservationId);
    if (r.channel !== 'online' || !('guest' in r.party)) throw new NotFoundError('booking', reservationId);
    return { reservationId, status: r.status, serviceId: r.serviceId, start: r.start, end: r.end, guestName: r.party.guest.name, late: r.late ?? null };
  }

  private async offeredOnline(serviceId: string): Promise<void> {
    const service = await this.definitions.service(serviceId);
    if (!service.bookableOnline) throw new NotBookableReference('serviceId', 'this service is not offered online');
  }

  /** A booking made online; its status is the decider's to judge (409 naming it). */
  private async manageable(reservationId: string) {
    const r = await this.definitions.reservation(reservationId);
    if (r.channel !== 'online' || !('guest' in r.party)) throw new NotFoundError('booking', reservationId);
    return r;
  }

  /**
   * Under an Idempotency-Key the id is derived from the key and the request itself, so a retry
   * books once, and someone else's request under the same key string is another booking (it
   * must never get a link to the first one's booking).
   */
  private reservationIdFor(input: OnlineBookingInput): string {
    const key = this.context.idempotencyKey;
    if (!key) return this.aggregates.newId(reservationStreamCategory);
    const request = createHash('sha256').update(JSON.stringify([input.serviceId, input.start, input.resourceId ?? 'any', input.guest, input.notes ?? null])).digest('hex');
    return this.aggregates.derivedId(reservationStreamCategory, 'online', key, request);
  }

  /** Staged under its key (a retry mails once) and enqueued after commit; a mail that fails never fails the booking. */
  private async mail(tenantId: string, reservationId: string, guest: { name: string; email: string }, template: string, start: string, key: string): Promise<void> {
    try {
      const timezone = await this.definitions.zoneOf(reservationId);
      const id = await this.db.run((em) => this.notifications.notify(em, tenantId, { email: guest.email }, template, { name: guest.name, start, timezone }, key), tenantId);
      await this.notifications.dispatchAfterCommit(tenantId, id);
    } catch (error) {
      this.logger.warn({ msg: 'booking mail not staged', tenantId, template, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
