import { Injectable } from '@nestjs/common';
import { NotificationTemplates } from '@workbay/platform';

export const APPROVAL_TEMPLATES = {
  gateOpened: 'approvals.gate-opened',
  gateReminder: 'approvals.gate-reminder',
  gateEscalated: 'approvals.gate-escalated',
  gateUnstaffed: 'approvals.gate-unstaffed',
  requestRejected: 'approvals.request-rejected',
  changesRequested: 'approvals.changes-requested',
  requestCompleted: 'approvals.request-completed',
} as const;

export interface ApprovalNoticeData extends Record<string, unknown> {
  requestId: string;
  title: string;
  /** e.g. '25000.00 INR'; empty when the request has no amount. */
  amount: string;
  /** 1-based gate number; 0 when the notice is about the whole request. */
  gate: number;
  dueAt: string;
  comment: string;
  recipientName?: string;
  /** Who decides the gate, in words ('the finance role', 'the user named in the policy'): set on a gate-unstaffed notice. */
  decidedBy?: string;
}

type Text = (d: ApprovalNoticeData) => string;
const hello: Text = (d) => (d.recipientName ? `Hello ${d.recipientName},\n\n` : '');
const about: Text = (d) => `"${d.title}"${d.amount ? ` (${d.amount})` : ''}, request ${d.requestId}`;

const TEXTS: Record<string, { subject: Text; text: Text }> = {
  [APPROVAL_TEMPLATES.gateOpened]: {
    subject: (d) => `Approval needed: ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} waits on your decision at gate ${d.gate}.${d.dueAt ? ` Please decide by ${d.dueAt}.` : ''}`,
  },
  [APPROVAL_TEMPLATES.gateReminder]: {
    subject: (d) => `Reminder: approval overdue for ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} has waited past its deadline at gate ${d.gate}. It will be escalated if it stays undecided.`,
  },
  [APPROVAL_TEMPLATES.gateEscalated]: {
    subject: (d) => `Escalated to you: ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} sat past its deadline at gate ${d.gate} and now waits on you.`,
  },
  [APPROVAL_TEMPLATES.gateUnstaffed]: {
    subject: (d) => `Nobody can decide: ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} waits at gate ${d.gate}, decided by ${d.decidedBy ?? 'a role'}, but no active user other than the requester can decide it.`
      + ` Give that role to someone (or end the requester's own hold on it), or the request stays at this gate${d.dueAt ? ` until its deadline, ${d.dueAt}, escalates it` : ''}.`,
  },
  [APPROVAL_TEMPLATES.requestRejected]: {
    subject: (d) => `Rejected: ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} was rejected at gate ${d.gate}: ${d.comment}\n\nYou may resubmit it or withdraw it.`,
  },
  [APPROVAL_TEMPLATES.changesRequested]: {
    subject: (d) => `Changes requested: ${d.title}`,
    text: (d) => `${hello(d)}Changes were requested on ${about(d)} at gate ${d.gate}: ${d.comment}\n\nResubmit it once changed.`,
  },
  [APPROVAL_TEMPLATES.requestCompleted]: {
    subject: (d) => `Approved: ${d.title}`,
    text: (d) => `${hello(d)}${about(d)} passed every gate and is approved.`,
  },
};

/** Registers approvals' e-mail templates (plain text) with the kernel's notifications, once per app. */
@Injectable()
export class ApprovalTemplates {
  constructor(templates: NotificationTemplates) {
    for (const [name, template] of Object.entries(TEXTS)) templates.register<ApprovalNoticeData>(name, template);
  }
}
