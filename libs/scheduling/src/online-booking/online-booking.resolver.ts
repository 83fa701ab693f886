import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, ReadsProjectionQuery } from '@workbay/platform';
import { AVAILABILITY_GENERATIONS } from '../availability/availability-generations.projection';
import { SERVICE_DIRECTORY } from '../services/service-directory.projection';
import type { Request } from 'express';
import { AvailabilityView } from '../availability/availability.dto';
import {
  ManagedBookingView, OnlineAvailabilityArgs, OnlineBookingConfirmation, OnlineBookingInput, OnlineCancelInput, OnlineRescheduleInput, OnlineServicesView,
} from './online-booking.dto';
import { OnlineBooking } from './online-booking';

const ipOf = (req: Request) => req.ip ?? req.socket?.remoteAddress ?? 'unknown';
const slugArg = () => Args('slug', { description: "the shop's public name" });
const tokenArg = () => Args('token', { description: 'the manage link secret' });

/** The public booking pages over GraphQL: the same service, gate and budget as /book. */
@Public()
@Resolver()
export class OnlineBookingResolver {
  constructor(private readonly booking: OnlineBooking) {}

  @Query(() => OnlineServicesView, { description: 'The services a shop offers online (public; NOT_FOUND for an unknown slug)' })
  @ReadsProjectionQuery(SERVICE_DIRECTORY)
  onlineServices(@slugArg() slug: string, @Context('req') req: Request): Promise<OnlineServicesView> {
    return this.booking.services(slug, ipOf(req));
  }

  @Query(() => AvailabilityView, { description: 'Free slots of a service the shop offers online (public)', complexity: 5 })
  @ReadsProjectionQuery(AVAILABILITY_GENERATIONS)
  onlineAvailability(@Args() { slug, ...args }: OnlineAvailabilityArgs, @Context('req') req: Request): Promise<AvailabilityView> {
    return this.booking.freeSlots(slug, ipOf(req), args);
  }

  @Mutation(() => OnlineBookingConfirmation, { description: 'Books as a guest (public); the answer carries the manage link, shown once' })
  bookOnline(@slugArg() slug: string, @Args('input', { description: 'the service, start, resource choice and guest' }) input: OnlineBookingInput, @Context('req') req: Request): Promise<OnlineBookingConfirmation> {
    return this.booking.book(slug, ipOf(req), input);
  }

  @Query(() => ManagedBookingView, { description: 'The one booking a manage link names (public)' })
  managedBooking(@tokenArg() token: string, @Context('req') req: Request): Promise<ManagedBookingView> {
    return this.booking.manage(token, ipOf(req));
  }

  @Mutation(() => ManagedBookingView, { description: 'Moves the booking a manage link names (public)' })
  rescheduleManagedBooking(@tokenArg() token: string, @Args('input', { description: 'the new start' }) input: OnlineRescheduleInput, @Context('req') req: Request): Promise<ManagedBookingView> {
    return this.booking.reschedule(token, ipOf(req), input);
  }

  @Mutation(() => ManagedBookingView, { description: 'Cancels the booking a manage link names (public)' })
  cancelManagedBooking(@tokenArg() token: string, @Args('input', { type: () => OnlineCancelInput, nullable: true, description: 'why (optional)' }) input: OnlineCancelInput | undefined, @Context('req') req: Request): Promise<ManagedBookingView> {
    return this.booking.cancel(token, ipOf(req), input ?? {});
  }
}
