import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '../authorization/abilities.guard';
import { NotificationLog } from './notification-log';
import { NotificationPage, NotificationsArgs, RegisteredWebhookEndpointView, RegisterWebhookEndpointInput } from './notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly log: NotificationLog) {}

  @Get()
  @RequireAbility('read', 'Notification')
  @ApiOperation({ summary: "The tenant's notifications, newest first, each with its delivery attempts (owner, admin, auditor)" })
  @ApiOkResponse({ type: NotificationPage })
  list(@Query() args: NotificationsArgs): Promise<NotificationPage> {
    return this.log.list(args.first ?? 50, args.after);
  }

  @Post('webhook-endpoints')
  @RequireAbility('create', 'WebhookEndpoint')
  @ApiOperation({ summary: 'Registers a webhook endpoint for the shop (owner only); the signing secret is in this answer only' })
  @ApiCreatedResponse({ type: RegisteredWebhookEndpointView })
  register(@Body() input: RegisterWebhookEndpointInput): Promise<RegisteredWebhookEndpointView> {
    return this.log.registerEndpoint(input.url);
  }
}
