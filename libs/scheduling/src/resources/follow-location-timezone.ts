import { Inject, OnModuleDestroy } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@workbay/eventstore';
import { ReadModelWaiter, RequestContext, SYSTEM_EVENT_STORE, SYSTEM_POOL, TenantDb } from '@workbay/platform';
import { Pool } from 'pg';
import { ChangeResourceTimezone } from './change-resource-timezone';
import { RESOURCE_DIRECTORY } from './resource-directory.projection';

/** How long the directory may lag behind the location change before the step is retried from the process's checkpoint. */
const DIRECTORY_WAIT_MS = 10_000;

/**
 * Every resource of a location takes the location's current zone. Sent by the process for a
 * location change at `position`: the directory is read only once it has passed that event, so
 * every resource registered before the change is listed (a registration read after it is
 * followed on its own, see location-timezone.process.ts).
 */
export class FollowLocationTimezone extends Command<{ changed: number }> {
  constructor(readonly locationId: string, readonly timezone: string, readonly position: number) {
    super();
  }
}

@CommandHandler(FollowLocationTimezone)
export class FollowLocationTimezoneHandler implements ICommandHandler<FollowLocationTimezone>, OnModuleDestroy {
  private readonly waiter: ReadModelWaiter;

  constructor(
    private readonly commands: CommandBus,
    private readonly db: TenantDb,
    private readonly context: RequestContext,
    @Inject(SYSTEM_EVENT_STORE) store: EventStore,
    @Inject(SYSTEM_POOL) pool: Pool,
  ) {
    this.waiter = new ReadModelWaiter(store, pool);
  }

  async execute({ locationId, timezone, position }: FollowLocationTimezone): Promise<{ changed: number }> {
    // The directory in read order up to the change: it holds every registration this process
    // read before the change (later ones the process checks as they come). Waiting for anything
    // later could wait on this process's own open transaction (the catch-up reader stops below it).
    // Not a DomainError: the process's batch fails and is retried, never skipped.
    if (!(await this.waiter.waitFor(RESOURCE_DIRECTORY, position, DIRECTORY_WAIT_MS))) throw new Error(`${RESOURCE_DIRECTORY} has not reached position ${position}`);
    const rows: Array<{ resource_id: string }> = await this.db.run((em) => em.execute(
      `select resource_id from scheduling.resources where tenant_id = ? and location_id = ? and timezone <> ? order by resource_id`,
      [this.context.tenantId, locationId, timezone],
    ));
    // Each append is keyed by this step's key and its own stream, so a redelivery changes nothing twice.
    for (const { resource_id } of rows) await this.commands.execute(new ChangeResourceTimezone(resource_id));
    return { changed: rows.length };
  }

  onModuleDestroy(): Promise<void> {
    return this.waiter.onModuleDestroy();
  }
}
