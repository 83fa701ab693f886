import { DynamicModule, Module } from '@nestjs/common';
import { EmailChannel, WebhookChannel } from './notification-channels';
import { NotificationDelivery } from './notification-delivery';
import { NotificationLog } from './notification-log';
import { NotificationQueue } from './notification-queue';
import { NotificationSweeper } from './notification-sweeper';
import { NotificationTemplates } from './notification-templates';
import { Notifications } from './notifications';
import { NotificationsController } from './notifications.controller';
import { NotificationProcessor } from './notification.processor';
import { NotificationsResolver } from './notifications.resolver';

const core = [NotificationTemplates, NotificationQueue, Notifications];
const worker = [EmailChannel, WebhookChannel, NotificationDelivery, NotificationProcessor, NotificationSweeper];

/**
 * The notification port for every context, global like the rest of the platform: `Notifications`
 * (stage in the caller's transaction, enqueue after commit) and `NotificationTemplates`. The API
 * also lists notifications and registers endpoints; the worker delivers and sweeps.
 */
@Module({})
export class NotificationsModule {
  static forApi(): DynamicModule {
    return { module: NotificationsModule, global: true, controllers: [NotificationsController], providers: [...core, NotificationLog, NotificationsResolver], exports: core };
  }

  static forWorker(): DynamicModule {
    return { module: NotificationsModule, global: true, providers: [...core, ...worker], exports: [...core, ...worker] };
  }
}
