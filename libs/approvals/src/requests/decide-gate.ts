import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, NotFoundError, RequestContext, UserDirectory } from '@workbay/platform';
import { activeDelegation, delegationDecider, DelegationState } from '../delegations/delegation.decider';
import { ActingFor, requestDecider } from './request.decider';
import { approvalDelegationStreamCategory, approvalRequestStreamCategory } from './request.events';
import { RequestReferenceUnknown } from './request-references';
import { retryOnConflict } from './retry-on-conflict';

export type GateDecision = 'approve' | 'reject' | 'request_changes';

export interface DecideGateInput {
  comment?: string | null;
  /** Deciding as a delegate: the delegator's user id. */
  onBehalfOf?: string | null;
  /** The round and gate the decider saw; default: the gate open when the decision arrives. */
  round?: number;
  gateIndex?: number;
}

/** Approve, reject or send back the gate a request waits on (REST approve | reject | request-changes). */
export class DecideGate extends Command<CommandResult> {
  constructor(readonly requestId: string, readonly decision: GateDecision, readonly input: DecideGateInput) {
    super();
  }
}

@CommandHandler(DecideGate)
export class DecideGateHandler implements ICommandHandler<DecideGate> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly users: UserDirectory,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, decision, input }: DecideGate): Promise<CommandResult> {
    const { tenantId, userId } = this.context.principal;
    // Current roles, not the token's: a role taken away stops deciding at once.
    const deciderRoles = (await this.users.accessOf(tenantId, userId))?.roles ?? [];
    const onBehalfOf = input.onBehalfOf ? await this.actingFor(tenantId, userId, input.onBehalfOf) : null;
    // Pinned on the first read: a retry after a lost race decides the same gate, never the next one.
    let pinned: { round: number; gateIndex: number } | undefined =
      input.round !== undefined && input.gateIndex !== undefined ? { round: input.round, gateIndex: input.gateIndex } : undefined;
    return retryOnConflict(() => this.aggregates.execute(requestDecider, approvalRequestStreamCategory, requestId, (state, { now, actor }) => {
      if (state.status === 'none') throw new NotFoundError('approval request', requestId);
      pinned ??= { round: input.round ?? state.round, gateIndex: input.gateIndex ?? state.currentGate ?? -1 };
      return { type: 'DecideGate', decision, ...pinned, deciderRoles, onBehalfOf, comment: input.comment, decidedAt: now, actor };
    }));
  }

  /** The delegator's current roles and whether their delegation to the caller covers now (from their own stream). */
  private async actingFor(tenantId: string, actorId: string, delegatorId: string): Promise<ActingFor> {
    const access = await this.users.accessOf(tenantId, delegatorId);
    if (!access || access.status !== 'active') throw new RequestReferenceUnknown('onBehalfOf', `${delegatorId} is not a user of this shop`);
    let state: DelegationState = delegationDecider.initialState();
    try {
      state = (await this.aggregates.load(delegationDecider, approvalDelegationStreamCategory, delegatorId)).state;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const delegationActive = activeDelegation(state, actorId, this.clock.now().toISOString()) !== undefined;
    return { userId: delegatorId, roles: access.roles, delegationActive };
  }
}
