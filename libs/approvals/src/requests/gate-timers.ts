import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError } from '@workbay/platform';
import { requestDecider } from './request.decider';
import { approvalRequestStreamCategory } from './request.events';

/**
 * System commands the routing saga's deadline timers dispatch (keyed by the timer): each names
 * the round and gate it was scheduled for, so one that fires after the gate closed is refused
 * (GATE_TIMER_STALE, a final answer the saga logs) instead of reminding or escalating the next gate.
 */
export class RemindGate extends Command<CommandResult> {
  /** `level`: 0 for the gate's own deadline, 1 for the one its first escalation set. */
  constructor(readonly requestId: string, readonly round: number, readonly gateIndex: number, readonly level = 0) {
    super();
  }
}

/** Hands the open gate to its escalateTo, else the next gate's decider, else the owner (level 0); then to the owner (level 1). */
export class EscalateGate extends Command<CommandResult> {
  constructor(readonly requestId: string, readonly round: number, readonly gateIndex: number, readonly level = 0) {
    super();
  }
}

@CommandHandler(RemindGate)
export class RemindGateHandler implements ICommandHandler<RemindGate> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ requestId, round, gateIndex, level }: RemindGate): Promise<CommandResult> {
    return this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, (state, { now }) => {
      if (state.status === 'none') throw new NotFoundError('approval request', requestId);
      return { type: 'RemindGate', round, gateIndex, level, remindedAt: now };
    });
  }
}

@CommandHandler(EscalateGate)
export class EscalateGateHandler implements ICommandHandler<EscalateGate> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ requestId, round, gateIndex, level }: EscalateGate): Promise<CommandResult> {
    return this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, (state, { now }) => {
      if (state.status === 'none') throw new NotFoundError('approval request', requestId);
      return { type: 'EscalateGate', round, gateIndex, level, escalatedAt: now };
    });
  }
}
