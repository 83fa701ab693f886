import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { Clock, RequestContext, UserContact, UserDirectory } from '@workbay/platform';
import type { GateDecider } from '../policies/policy.events';
import { ApprovalDelegationEvent, approvalDelegationStreamCategory } from './request.events';

/** The users a delegation stream hands gates to at `now`: started, not ended, not revoked. */
export function activeDelegates(events: readonly ApprovalDelegationEvent[], now: string): string[] {
  const live = new Map<string, { toUserId: string; startsAt: string; endsAt: string }>();
  for (const event of events) {
    if (event.type === 'ApprovalsDelegated') live.set(event.data.delegationId, event.data);
    else live.delete(event.data.delegationId);
  }
  const at = Date.parse(now);
  return [...new Set([...live.values()].filter((d) => Date.parse(d.startsAt) <= at && at < Date.parse(d.endsAt)).map((d) => d.toUserId))];
}

/**
 * Who is told about a gate: the users holding its role (or the named user), plus those they
 * delegated their gates to, now; never the requester, who may not decide their own request.
 * Ordered by user id, so a retried notice stages the same keys.
 */
@Injectable()
export class ApprovalRecipients {
  constructor(
    private readonly directory: UserDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async ofGate(decider: GateDecider, requesterId: string | null): Promise<UserContact[]> {
    const deciders = 'role' in decider ? await this.directory.holders(decider.role) : await this.directory.contacts([decider.userId]);
    const now = this.clock.now().toISOString();
    const delegateIds = (await Promise.all(deciders.map((d) => this.delegatesOf(d.userId, now)))).flat();
    const known = new Set(deciders.map((d) => d.userId));
    const delegates = await this.directory.contacts(delegateIds.filter((id) => !known.has(id)));
    return [...deciders, ...delegates].filter((u) => u.userId !== requesterId).sort((a, b) => a.userId.localeCompare(b.userId));
  }

  /** The tenant's active owners but the requester: told when nobody can decide a gate. */
  async owners(requesterId: string | null): Promise<UserContact[]> {
    return (await this.directory.holders('owner')).filter((u) => u.userId !== requesterId);
  }

  async ofUser(userId: string | null): Promise<UserContact | null> {
    return userId ? ((await this.directory.contacts([userId]))[0] ?? null) : null;
  }

  private async delegatesOf(userId: string, now: string): Promise<string[]> {
    const tenantId = this.context.tenantId;
    const events = await this.store.readStream(tenantId, streamIdFor(tenantId, approvalDelegationStreamCategory, userId));
    return activeDelegates(events.map((e) => ({ type: e.type, data: e.data }) as ApprovalDelegationEvent), now);
  }
}
