import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { Pool } from 'pg';
import { RequestContext } from '../context/request-context';
import { consoleProcessLog, ProcessLog, StatefulProcessManager } from './stateful-process-manager';

export type FireResult = 'fired' | 'refused' | 'skipped';

/**
 * Fires one timer: the row is locked FOR UPDATE, its command dispatched in the timer's tenant as
 * `system:<process>` with idempotency key = timer id, then the row is marked fired and the
 * transaction commits. While the row is locked a cancellation waits, then finds it fired and
 * changes nothing; a row already fired or cancelled is skipped.
 *
 * The command appends through its own connection, so "appended" and "marked fired" are two
 * commits. A crash between them leaves the row scheduled: the sweeper triggers it again and the
 * command runs again under the same key, where the aggregate store finds the event it appended
 * under that key and answers with it instead of appending (AggregateStore.execute), so the
 * re-fire converges to one effect. Commands timers dispatch must therefore go through the
 * aggregate store's keyed path (every AggregateStore.execute does).
 */
export class TimerFiring {
  private readonly processes: Map<string, StatefulProcessManager<any>>;

  constructor(
    private readonly pool: Pool,
    private readonly commands: CommandBus,
    private readonly context: RequestContext,
    processes: readonly StatefulProcessManager<any>[],
    private readonly log: ProcessLog = consoleProcessLog,
  ) {
    this.processes = new Map(processes.map((pm) => [pm.name, pm]));
  }

  async fire(timerId: string): Promise<FireResult> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows: [row] } = await client.query(
        `select process_name, tenant_id, command_type, command_payload, status, correlation_id, causation_id from platform.timers where timer_id = $1 for update`,
        [timerId],
      );
      // No row: its batch has not committed yet (the sweeper triggers it again) or rolled back.
      if (!row || row.status !== 'scheduled') {
        await client.query('commit');
        return 'skipped';
      }
      const pm = this.processes.get(row.process_name);
      if (!pm?.timerCommand) throw new Error(`timer ${timerId}: no process manager ${row.process_name} with timerCommand() in this worker`);
      const command = pm.timerCommand({ type: row.command_type, payload: row.command_payload });
      let outcome: FireResult = 'fired';
      try {
        await this.context.runAsSystemFor(
          row.tenant_id,
          { actor: `system:${pm.name}`, correlationId: row.correlation_id ?? undefined, causationId: row.causation_id ?? undefined, idempotencyKey: timerId },
          () => this.commands.execute(command),
        );
      } catch (error) {
        // A DomainError is final (the same command would be refused again): the timer is done.
        if (!(error instanceof DomainError)) throw error;
        outcome = 'refused';
        this.log.refused(pm.name, { tenantId: row.tenant_id, id: timerId, type: `timer:${row.command_type}` }, error);
      }
      await client.query(`update platform.timers set status = 'fired', fired_at = now(), outcome = $2 where timer_id = $1`, [timerId, outcome]);
      await client.query('commit');
      return outcome;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
