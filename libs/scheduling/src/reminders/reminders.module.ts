import { Module } from '@nestjs/common';
import { SchedulingNoticesModule } from '../notices/scheduling-templates';
import { SendReservationReminderHandler } from './send-reservation-reminder';

/** The worker's half of the reminders: the command a due reminder timer dispatches. */
@Module({ imports: [SchedulingNoticesModule], providers: [SendReservationReminderHandler] })
export class RemindersModule {}
