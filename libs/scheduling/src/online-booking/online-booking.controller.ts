import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public, ShownOnce } from '@workbay/platform';
import type { Request } from 'express';
import { AvailabilityArgs } from '../availability/availability.args';
import { AvailabilityView } from '../availability/availability.dto';
import {
  ManagedBookingView, OnlineBookingConfirmation, OnlineBookingInput, OnlineCancelInput, OnlineRescheduleInput, OnlineServicesView,
} from './online-booking.dto';
import { OnlineBooking } from './online-booking';

const ipOf = (req: Request) => req.ip ?? req.socket?.remoteAddress ?? 'unknown';
const GATE = 'No token: the shop is the one the slug names. 404 for a slug no shop has; 403 `FEATURE_NOT_IN_PLAN` (feature `online_booking`) when its plan lacks online booking; 429 with `Retry-After` past the budget per address and shop.';
const LINK = 'The token is the secret of one booking\'s manage link: any other (or another booking\'s) is 404, and it reaches nothing else. 429 with `Retry-After` past the budget per address and shop.';
const slug = () => ApiParam({ name: 'slug', description: "the shop's public name (from its owner's /auth/me `tenantSlug`)", example: 'ravi-motors' });
const token = () => ApiParam({ name: 'token', description: 'the manage link secret from the booking confirmation' });

@ApiTags('online booking')
@Public()
@Controller('book')
export class OnlineBookingController {
  constructor(private readonly booking: OnlineBooking) {}

  @Get(':slug/services')
  @slug()
  @ApiOperation({ summary: 'The services a shop offers online (public)', description: GATE })
  @ApiProblems(403, 404, 429)
  @ApiOkResponse({ type: OnlineServicesView })
  services(@Param('slug') slugName: string, @Req() req: Request): Promise<OnlineServicesView> {
    return this.booking.services(slugName, ipOf(req));
  }

  @Get(':slug/availability')
  @slug()
  @ApiOperation({
    summary: 'Free slots of a service the shop offers online (public)',
    description: `${GATE} Display advice, as the staff's availability; 422 naming \`serviceId\` for a service not offered online, or a range past 31 days.`,
  })
  @ApiProblems(403, 404, 422, 429)
  @ApiOkResponse({ type: AvailabilityView })
  availability(@Param('slug') slugName: string, @Query() args: AvailabilityArgs, @Req() req: Request): Promise<AvailabilityView> {
    return this.booking.freeSlots(slugName, ipOf(req), args);
  }

  @Post(':slug/bookings')
  @slug()
  @ShownOnce('manageToken', 'manageUrl')
  @ApiOperation({
    summary: "Books a service as a guest, without an account (public); answers with the booking's secret manage link, shown once",
    description: `${GATE} 409 \`SLOT_TAKEN\` when the time is taken; 422 naming \`start\` (past, outside working hours, notice, horizon), \`serviceId\` (unknown, retired, not offered online) or \`resourceId\`.`,
  })
  @ApiProblems(403, 404, 409, 422, 429)
  @ApiCreatedResponse({ type: OnlineBookingConfirmation })
  book(@Param('slug') slugName: string, @Body() input: OnlineBookingInput, @Req() req: Request): Promise<OnlineBookingConfirmation> {
    return this.booking.book(slugName, ipOf(req), input);
  }

  @Get('manage/:token')
  @token()
  @ApiOperation({ summary: 'The one booking a manage link names (public)', description: LINK })
  @ApiProblems(403, 404, 429)
  @ApiOkResponse({ type: ManagedBookingView })
  manage(@Param('token') secret: string, @Req() req: Request): Promise<ManagedBookingView> {
    return this.booking.manage(secret, ipOf(req));
  }

  @Post('manage/:token/reschedule')
  @HttpCode(200)
  @token()
  @ApiOperation({ summary: 'Moves the booking a manage link names (public)', description: `${LINK} 409 \`SLOT_TAKEN\` or when it is no longer booked; 422 naming \`start\`.` })
  @ApiProblems(403, 404, 409, 422, 429)
  @ApiOkResponse({ type: ManagedBookingView })
  reschedule(@Param('token') secret: string, @Body() input: OnlineRescheduleInput, @Req() req: Request): Promise<ManagedBookingView> {
    return this.booking.reschedule(secret, ipOf(req), input);
  }

  @Post('manage/:token/cancel')
  @HttpCode(200)
  @token()
  @ApiOperation({ summary: 'Cancels the booking a manage link names (public)', description: `${LINK} 409 when it is no longer booked; a cancel inside the shop's window is recorded as late.` })
  @ApiProblems(403, 404, 409, 429)
  @ApiOkResponse({ type: ManagedBookingView })
  cancel(@Param('token') secret: string, @Body() input: OnlineCancelInput, @Req() req: Request): Promise<ManagedBookingView> {
    return this.booking.cancel(secret, ipOf(req), input);
  }
}
