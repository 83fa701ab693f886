import { Injectable, Module } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NotificationTemplates } from '@workbay/platform';
import { DateTime } from 'luxon';
import { CustomerReference, CustomerReferenceView } from '@workbay/shop/contract';
import { BookingDefinitions } from '../booking/booking-definitions';
import type { BookingParty } from '../reservations/reservation.events';

export const RESERVATION_REMINDER_TEMPLATE = 'scheduling.reservation-reminder';
export const BOOKING_CONFIRMED_TEMPLATE = 'scheduling.booking-confirmed';
export const BOOKING_CANCELLED_TEMPLATE = 'scheduling.booking-cancelled';

export interface BookingNoticeData extends Record<string, unknown> {
  name: string;
  /** ISO UTC. */
  start: string;
  /** The resource's IANA zone: the mail tells the local time there. Absent (older notices): UTC, said so. */
  timezone?: string | null;
  /** Present on an online booking's confirmation: where the guest manages it. */
  manageLink?: string;
  offsetMinutes?: number;
}

/** 'Tue 8 Dec 2026, 14:30 (Europe/Berlin)': the wall clock the customer walks in by. */
const when = (start: string, zone?: string | null) => {
  const local = zone ? DateTime.fromISO(start, { zone }) : null;
  if (local?.isValid) return `${local.toFormat('ccc d LLL yyyy, HH:mm', { locale: 'en-GB' })} (${zone})`;
  return `${start.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '')} UTC`;
};
const before = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** Scheduling's mail templates, registered once per process (a module is one instance per app). */
@Injectable()
export class SchedulingTemplates {
  constructor(templates: NotificationTemplates) {
    templates.register<BookingNoticeData>(RESERVATION_REMINDER_TEMPLATE, {
      subject: ({ start, timezone }) => `Reminder: your appointment on ${when(start, timezone)}`,
      text: ({ name, start, timezone, offsetMinutes }) => `Hello ${name},\n\nthis is a reminder of your appointment on ${when(start, timezone)} (in about ${before(offsetMinutes ?? 0)}).\n`,
    });
    templates.register<BookingNoticeData>(BOOKING_CONFIRMED_TEMPLATE, {
      subject: ({ start, timezone }) => `Booked: your appointment on ${when(start, timezone)}`,
      text: ({ name, start, timezone, manageLink }) => `Hello ${name},\n\nyour appointment on ${when(start, timezone)} is booked.\n${manageLink ? `View, move or cancel it here: ${manageLink}\n` : ''}`,
    });
    templates.register<BookingNoticeData>(BOOKING_CANCELLED_TEMPLATE, {
      subject: ({ start, timezone }) => `Cancelled: your appointment on ${when(start, timezone)}`,
      text: ({ name, start, timezone }) => `Hello ${name},\n\nyour appointment on ${when(start, timezone)} is cancelled.\n`,
    });
  }
}

/** Where a booking's notices go: the guest's e-mail, or the shop customer's (through the shop's public query); null: nowhere. */
@Injectable()
export class BookingPartyContacts {
  constructor(private readonly queries: QueryBus) {}

  async of(party: BookingParty): Promise<{ name: string; email: string } | null> {
    if ('guest' in party) return { name: party.guest.name, email: party.guest.email };
    // A customer no longer on the shop's books gets nothing (its 422 is for the booking's caller, not a reminder).
    const customer: CustomerReferenceView | null = await this.queries.execute(new CustomerReference(party.customerId)).catch(() => null);
    return customer?.email ? { name: customer.name, email: customer.email } : null;
  }
}

@Module({ providers: [SchedulingTemplates, BookingPartyContacts, BookingDefinitions], exports: [SchedulingTemplates, BookingPartyContacts, BookingDefinitions] })
export class SchedulingNoticesModule {}
