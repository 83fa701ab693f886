import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '../authorization/abilities.guard';
import { NotificationLog } from './notification-log';
import { NotificationPage, NotificationsArgs, RegisteredWebhookEndpointView, RegisterWebhookEndpointInput } from './notifications.dto';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly log: NotificationLog) {}

  // Each row carries its attempts: priced above a plain list.
  @Query(() => NotificationPage, { description: "The tenant's notifications, newest first, each with its delivery attempts", complexity: 10 })
  @RequireAbility('read', 'Notification')
  notifications(@Args() args: NotificationsArgs): Promise<NotificationPage> {
    return this.log.list(args.first ?? 50, args.after);
  }

  @Mutation(() => RegisteredWebhookEndpointView, { description: 'Registers a webhook endpoint (owner only; POST /notifications/webhook-endpoints)' })
  @RequireAbility('create', 'WebhookEndpoint')
  registerWebhookEndpoint(@Args('input', { description: 'the endpoint URL' }) input: RegisterWebhookEndpointInput): Promise<RegisteredWebhookEndpointView> {
    return this.log.registerEndpoint(input.url);
  }
}
