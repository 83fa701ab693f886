import { Module } from '@nestjs/common';
import { CheckInHandler } from './check-in';
import { CheckInController, CheckInResolver } from './check-in.controller';
import { ReservationsApiModule } from './reservations.module';

/** CheckIn over REST and GraphQL (API only), beside the booking boundary's commands. */
@Module({ imports: [ReservationsApiModule], controllers: [CheckInController], providers: [CheckInHandler, CheckInResolver] })
export class CheckInModule {}
