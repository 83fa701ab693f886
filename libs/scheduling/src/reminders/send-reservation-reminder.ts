import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, Notifications, RequestContext, TenantDb } from '@workbay/platform';
import { BookingDefinitions } from '../booking/booking-definitions';
import { BookingPartyContacts, RESERVATION_REMINDER_TEMPLATE } from '../notices/scheduling-templates';
import { reservationStreamCategory } from '../reservations/reservation.events';
import { reminderDecider, ReminderNoLongerDue, reminderRefusal } from './reservation-reminder.decider';

/** Dispatched by a due reminder timer (keyed by its timer id): mail the party, record ReservationReminderSent. */
export class SendReservationReminder extends Command<CommandResult> {
  constructor(readonly reservationId: string, readonly reminderId: string, readonly offsetMinutes: number, readonly start: string) {
    super();
  }
}

/**
 * The mail is staged (own transaction) before the event is appended, both under the reminder id:
 * a crash between them re-fires the timer, `notify` answers with the notification already staged
 * and the append records it, so the party gets one mail whatever is delivered twice. The
 * aggregate store answers a repeat after the append without calling the builder.
 */
@CommandHandler(SendReservationReminder)
export class SendReservationReminderHandler implements ICommandHandler<SendReservationReminder> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly notifications: Notifications,
    private readonly contacts: BookingPartyContacts,
    private readonly definitions: BookingDefinitions,
    private readonly db: TenantDb,
    private readonly context: RequestContext,
  ) {}

  async execute(command: SendReservationReminder): Promise<CommandResult> {
    const tenantId = this.context.tenantId;
    let staged: string | null = null;
    const result = await this.aggregates.execute(reminderDecider, reservationStreamCategory, command.reservationId, async (state, { now }) => {
      // Refused before anything is staged: a moved or ended reservation gets no mail.
      const refusal = state.sent.includes(command.reminderId) ? 'already sent' : reminderRefusal(state, command.start);
      if (refusal) throw new ReminderNoLongerDue(command.reservationId, refusal);
      const contact = state.party ? await this.contacts.of(state.party) : null;
      if (contact) {
        const timezone = await this.definitions.zoneOf(command.reservationId);
        staged = await this.db.run((em) => this.notifications.notify(em, tenantId, { email: contact.email }, RESERVATION_REMINDER_TEMPLATE,
          { name: contact.name, start: command.start, timezone, offsetMinutes: command.offsetMinutes }, command.reminderId), tenantId);
      }
      return { type: 'RecordReminderSent', reservationId: command.reservationId, reminderId: command.reminderId, offsetMinutes: command.offsetMinutes, start: command.start, notificationId: staged, sentAt: now };
    });
    if (staged) await this.notifications.dispatchAfterCommit(tenantId, staged);
    return result;
  }
}
