import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@workbay/eventstore';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { reservationStreamCategory } from '../reservations/reservation.events';
import { AppointmentUsageAlreadySignalled, appointmentUsageDecider, bookingChannel } from './appointment-usage.decider';
import { appointmentUsageStreamCategory, SchedulingUsageSource } from './appointment-usage.events';

/** Meters one booked appointment; sent by the appointment-usage process manager, never by a client. */
export class SignalAppointmentBooked extends Command<CommandResult> {
  constructor(readonly booking: { reservationId: string; channel: string | null; source: SchedulingUsageSource; occurredAt: string }) {
    super();
  }
}

@CommandHandler(SignalAppointmentBooked)
export class SignalAppointmentBookedHandler implements ICommandHandler<SignalAppointmentBooked> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ booking }: SignalAppointmentBooked): Promise<CommandResult> {
    const metric = 'scheduling.appointments_booked' as const;
    // One signal per (source event, metric): its id follows from them, whoever asks and however often.
    const signalId = this.aggregates.derivedId(appointmentUsageStreamCategory, booking.source.eventId, metric);
    const channel = booking.channel
      ?? (await this.aggregates.load(bookingChannel, reservationStreamCategory, booking.reservationId, { what: 'reservation' })).state
      ?? 'staff';
    try {
      // Nearly always the stream's first event: appended expecting it empty, with no read first.
      // A redelivered source event finds it written: the append's conflict, then.
      return await this.aggregates.execute(appointmentUsageDecider, appointmentUsageStreamCategory, signalId, {
        type: 'SignalAppointmentUsage', signalId, metric, dimensions: { channel }, source: booking.source, occurredAt: booking.occurredAt,
      }, { expectedVersion: 0 });
    } catch (error) {
      if (!(error instanceof AppointmentUsageAlreadySignalled) && !(error instanceof ConcurrencyError)) throw error;
      const { version } = await this.aggregates.load(appointmentUsageDecider, appointmentUsageStreamCategory, signalId);
      return { id: signalId, streamVersion: version, position: 0 };
    }
  }
}
