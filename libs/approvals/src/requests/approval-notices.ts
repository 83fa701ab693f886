import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Notifications, RequestContext, TenantDb, UserContact } from '@workbay/platform';
import type { GateDecider } from '../policies/policy.events';
import { ApprovalRecipients } from './approval-recipients';
import { APPROVAL_TEMPLATES, ApprovalNoticeData } from './approval-templates';
import type { Money } from './request.events';

interface NoticeBase {
  requestId: string;
  requesterId: string | null;
  title: string;
  amount: Money | null;
  round: number;
}

export type GateNoticeKind = 'opened' | 'reminded' | 'escalated';
export type RequesterNoticeKind = 'rejected' | 'changes-requested' | 'completed';

/** Sent by the routing saga: tell the deciders of a gate (and their delegates) that it waits on them. */
export class NotifyGateDeciders extends Command<{ notified: number }> {
  /**
   * `level`: which deadline of the gate the notice belongs to (0: its own; 1: the one after its
   * first escalation; for an escalation, 0 is the first): part of the notice's key, so the second
   * reminder or escalation of a gate is a notice of its own.
   */
  constructor(readonly input: NoticeBase & { gateIndex: number; decider: GateDecider; notice: GateNoticeKind; dueAt: string | null; level?: number }) {
    super();
  }
}

/** Sent by the routing saga: tell the requester what became of their request. */
export class NotifyRequester extends Command<{ notified: number }> {
  constructor(readonly input: NoticeBase & { gateIndex: number | null; notice: RequesterNoticeKind; comment: string | null; deciderId: string | null }) {
    super();
  }
}

/**
 * Stages one e-mail per recipient in one transaction, each keyed by its cause and recipient
 * (`approval:{requestId}:{round}:{gate}:{notice}:{userId}`): the saga's redelivered command, or a
 * worker killed after the commit, stages nothing twice, and the outbox delivers each key once.
 */
@Injectable()
export class ApprovalMailer {
  constructor(private readonly db: TenantDb, private readonly notifications: Notifications, private readonly context: RequestContext) {}

  async send(users: UserContact[], template: string, key: (userId: string) => string, data: ApprovalNoticeData): Promise<{ notified: number }> {
    if (users.length === 0) return { notified: 0 };
    const tenantId = this.context.tenantId;
    const ids = await this.db.run(async (em) => {
      const staged: string[] = [];
      for (const user of users) {
        staged.push(await this.notifications.notify(em, tenantId, { email: user.email }, template, { ...data, recipientName: user.displayName }, key(user.userId)));
      }
      return staged;
    }, tenantId);
    for (const id of ids) await this.notifications.dispatchAfterCommit(tenantId, id);
    return { notified: ids.length };
  }
}

const decidedBy = (decider: GateDecider) => ('role' in decider ? `the ${decider.role.replace(/_/g, ' ')} role` : 'the user named in the policy');

const amountText = (amount: Money | null) => (amount ? `${(amount.amountMinor / 100).toFixed(2)} ${amount.currency}` : '');

@CommandHandler(NotifyGateDeciders)
export class NotifyGateDecidersHandler implements ICommandHandler<NotifyGateDeciders> {
  constructor(private readonly mailer: ApprovalMailer, private readonly recipients: ApprovalRecipients) {}

  async execute({ input }: NotifyGateDeciders): Promise<{ notified: number }> {
    const users = await this.recipients.ofGate(input.decider, input.requesterId);
    const template = { opened: APPROVAL_TEMPLATES.gateOpened, reminded: APPROVAL_TEMPLATES.gateReminder, escalated: APPROVAL_TEMPLATES.gateEscalated }[input.notice];
    const data = { requestId: input.requestId, title: input.title, amount: amountText(input.amount), gate: input.gateIndex + 1, dueAt: input.dueAt ?? '', comment: '' };
    const kind = input.level ? `${input.notice}-${input.level}` : input.notice;
    const key = (suffix: string) => (userId: string) => `approval:${input.requestId}:${input.round}:${input.gateIndex}:${suffix}:${userId}`;
    if (users.length > 0) return this.mailer.send(users, template, key(kind), data);
    // Nobody holds the gate's role (or the named user left, or holds it alone as the requester):
    // without a word to the owners the request would sit unseen until its deadline, or forever.
    const owners = await this.recipients.owners(input.requesterId);
    return this.mailer.send(owners, APPROVAL_TEMPLATES.gateUnstaffed, key(`${kind}-unstaffed`), { ...data, decidedBy: decidedBy(input.decider) });
  }
}

@CommandHandler(NotifyRequester)
export class NotifyRequesterHandler implements ICommandHandler<NotifyRequester> {
  constructor(private readonly mailer: ApprovalMailer, private readonly recipients: ApprovalRecipients) {}

  async execute({ input }: NotifyRequester): Promise<{ notified: number }> {
    const requester = await this.recipients.ofUser(input.requesterId);
    const template = { rejected: APPROVAL_TEMPLATES.requestRejected, 'changes-requested': APPROVAL_TEMPLATES.changesRequested, completed: APPROVAL_TEMPLATES.requestCompleted }[input.notice];
    const gate = input.gateIndex === null ? '' : `${input.gateIndex}:`;
    const data = { requestId: input.requestId, title: input.title, amount: amountText(input.amount), gate: input.gateIndex === null ? 0 : input.gateIndex + 1, dueAt: '', comment: input.comment ?? '' };
    return this.mailer.send(requester ? [requester] : [], template, (userId) => `approval:${input.requestId}:${input.round}:${gate}${input.notice}:${userId}`, data);
  }
}
