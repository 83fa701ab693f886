import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { cancelReservation, minutesFromNow, rescheduleTo, reserveAsGuest, setReminderOffsets } from '../../../../test/support/reservation-events';
import { bookableShop, shopTime } from '../../../../test/support/bookable-shop';
import { ShopClient } from '../../../../test/support/shop-client';
import { SmtpSink, startSmtpSink } from '../../../../test/support/smtp-sink';
import { eventually, until } from '../../../../test/support/waiting';
import { registerResource } from '../testing/scheduling-fixtures';

/**
 * Reminders end to end: reservation facts in the event store, the worker's process manager and
 * durable timers, the notification port delivering to a real SMTP sink. The tenant's offsets are
 * 1 minute (and a day, already past for these starts), so a start 1 minute and a few seconds
 * ahead is reminded within seconds.
 */
describe('Reservation reminders: durable timers, moved by a reschedule, removed by a cancel, sent once', () => {
  let platform: Platform;
  let smtp: SmtpSink;
  let db: Client;
  let store: EventStore;
  let tenantId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    platform = await startPlatform({
      prefix: 'remind',
      config: { SMTP_URL: smtp.url, MAIL_FROM: 'Workbay <book@workbay.test>', TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '300', NOTIFICATION_SWEEP_INTERVAL_MS: '200', NOTIFICATION_SWEEP_AFTER_MS: '1500' },
    });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    store = platform.app.get<EventStore>(EVENT_STORE);
    tenantId = (await ShopClient.signup(platform, 'Remind Salon')).tenantId;
    await setReminderOffsets(store, tenantId, [1, 1440]);
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
    await smtp?.close();
  });

  const timersOf = async (reservationId: string) => (await db.query(
    `select timer_id, status, due_at from platform.timers where tenant_id = $1 and timer_id like $2 order by created_at`, [tenantId, `reminder-${reservationId}-%`],
  )).rows as { timer_id: string; status: string; due_at: Date }[];
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const sentEvents = async (reservationId: string) => (await db.query(
    `select data from eventstore.events where tenant_id = $1 and type = 'ReservationReminderSent' and data->>'reservationId' = $2`, [tenantId, reservationId],
  )).rows.map((r) => r.data as { reminderId: string; offsetMinutes: number; notificationId: string | null });

  it('schedules one reminder per offset still ahead, and mails the guest once when it is due, in the resource\'s local time', async () => {
    const email = `asha.${Date.now()}@example.com`;
    const start = minutesFromNow(1, 2500);
    const stylist = await registerResource(store, tenantId, { locationId: randomUUID(), kind: 'staff', timezone: 'Asia/Kolkata' });
    const reservationId = await reserveAsGuest(store, tenantId, start, email, 'Asha', stylist);
    const timers = await eventually(async () => ((await timersOf(reservationId)).length ? timersOf(reservationId) : undefined), 'the reminder timer');
    // The day-ahead reminder was already past when booked: only the 1-minute one.
    expect(timers).toHaveLength(1);
    expect(timers[0].due_at.toISOString()).toBe(new Date(Date.parse(start) - 60_000).toISOString());
    await until(async () => mailsTo(email).length > 0, 'the reminder mail');
    expect(mailsTo(email)[0].raw).toContain('Reminder: your appointment');
    // The wall clock in Kolkata (UTC+05:30), not UTC.
    const local = DateTime.fromISO(start, { zone: 'Asia/Kolkata' }).toFormat('ccc d LLL yyyy, HH:mm', { locale: 'en-GB' });
    expect(mailsTo(email)[0].raw.replace(/=\r?\n/g, '')).toContain(`${local} (Asia/Kolkata)`);
    const sent = await eventually(async () => ((await sentEvents(reservationId)).length ? sentEvents(reservationId) : undefined), 'ReservationReminderSent');
    expect(sent).toEqual([expect.objectContaining({ reminderId: timers[0].timer_id, offsetMinutes: 1 })]);
    expect(sent[0].notificationId).toEqual(expect.any(String));
  });

  it('moves the reminders on a reschedule: the old timer is cancelled and only the new start is reminded', async () => {
    const email = `ben.${Date.now()}@example.com`;
    const first = minutesFromNow(60 * 48);
    const reservationId = await reserveAsGuest(store, tenantId, first, email, 'Ben');
    await eventually(async () => ((await timersOf(reservationId)).length === 2 ? true : undefined), 'both reminders of the first start');
    const moved = minutesFromNow(1, 2500);
    await rescheduleTo(store, tenantId, reservationId, first, moved);
    await until(async () => (await timersOf(reservationId)).length === 3, 'the reminder of the new start');
    const timers = await timersOf(reservationId);
    expect(timers.slice(0, 2).map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect(timers[2].due_at.toISOString()).toBe(new Date(Date.parse(moved) - 60_000).toISOString());
    await until(async () => mailsTo(email).length > 0, 'the reminder of the new start');
    await until(async () => (await timersOf(reservationId))[2].status === 'fired', 'the new timer to be marked fired');
    expect(mailsTo(email)).toHaveLength(1);
    expect(await sentEvents(reservationId)).toHaveLength(1);
  });

  it('removes the reminders on a cancel: nothing is mailed after the due time', async () => {
    const email = `chen.${Date.now()}@example.com`;
    // Due 20 s out: time for the cancel to be processed first even on a busy machine.
    const start = minutesFromNow(1, 20_000);
    const reservationId = await reserveAsGuest(store, tenantId, start, email, 'Chen');
    await until(async () => (await timersOf(reservationId)).length === 1, 'the reminder timer');
    await cancelReservation(store, tenantId, reservationId);
    await until(async () => (await timersOf(reservationId))[0].status === 'cancelled', 'the cancelled timer');
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(start) - 60_000 - Date.now()) + 1500));
    expect(mailsTo(email)).toHaveLength(0);
    expect(await sentEvents(reservationId)).toHaveLength(0);
  });

  it('sends once when a fired reminder runs again (its row back to scheduled, as after a crash before it was marked)', async () => {
    const email = `dara.${Date.now()}@example.com`;
    const reservationId = await reserveAsGuest(store, tenantId, minutesFromNow(1, 2000), email, 'Dara');
    await until(async () => (await timersOf(reservationId))[0]?.status === 'fired', 'the reminder to fire');
    const [timer] = await timersOf(reservationId);
    // A second delivery of the same run: the sweeper triggers it again and the command runs again under the timer's key.
    await db.query(`update platform.timers set status = 'scheduled', fired_at = null where timer_id = $1`, [timer.timer_id]);
    await until(async () => (await timersOf(reservationId))[0].status === 'fired', 'the re-run to be marked fired');
    await until(async () => mailsTo(email).length > 0, 'the reminder mail');
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(email)).toHaveLength(1);
    expect(await sentEvents(reservationId)).toHaveLength(1);
    const { rows } = await db.query(`select count(*)::int as n from platform.notifications where tenant_id = $1 and key = $2`, [tenantId, timer.timer_id]);
    expect(rows[0].n).toBe(1);
  });

  it('plans the default 24 h and 2 h reminders for a booking made through the API, moves them on a reschedule and drops them on a cancel', async () => {
    const shop = await bookableShop(platform, 'Default Salon');
    const timersOfTenant = async (reservationId: string) => (await db.query(
      `select status, due_at from platform.timers where tenant_id = $1 and timer_id like $2 order by created_at, due_at`, [shop.owner.tenantId, `reminder-${reservationId}-%`],
    )).rows as { status: string; due_at: Date }[];
    const start = shopTime(3, '10:00');
    const booked = (await platform.http().post(`/book/${shop.slug}/bookings`).send({ serviceId: shop.serviceId, start, guest: { name: 'Gita', email: 'gita@example.com' } }).expect(201)).body;
    await until(async () => (await timersOfTenant(booked.reservationId)).length === 2, 'the two default reminders');
    expect((await timersOfTenant(booked.reservationId)).map((t) => t.due_at.getTime()).sort())
      .toEqual([Date.parse(start) - 24 * 3600_000, Date.parse(start) - 2 * 3600_000]);
    const moved = shopTime(3, '15:00');
    await platform.http().post(`/book/manage/${booked.manageToken}/reschedule`).send({ start: moved }).expect(200);
    await until(async () => (await timersOfTenant(booked.reservationId)).length === 4, 'the reminders of the new start');
    const afterMove = await timersOfTenant(booked.reservationId);
    expect(afterMove.filter((t) => t.status === 'cancelled').map((t) => t.due_at.getTime()).sort()).toEqual([Date.parse(start) - 24 * 3600_000, Date.parse(start) - 2 * 3600_000]);
    expect(afterMove.filter((t) => t.status === 'scheduled').map((t) => t.due_at.getTime()).sort()).toEqual([Date.parse(moved) - 24 * 3600_000, Date.parse(moved) - 2 * 3600_000]);
    await platform.http().post(`/book/manage/${booked.manageToken}/cancel`).send({}).expect(200);
    await until(async () => (await timersOfTenant(booked.reservationId)).every((t) => t.status === 'cancelled'), 'every reminder cancelled');
  });
});
