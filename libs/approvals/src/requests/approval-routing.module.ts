import { Module } from '@nestjs/common';
import { ApprovalMailer, NotifyGateDecidersHandler, NotifyRequesterHandler } from './approval-notices';
import { ApprovalRecipients } from './approval-recipients';
import { ApprovalTemplates } from './approval-templates';

/** The routing saga's own command handlers (its notices) in the worker; its deadline commands are the request aggregate's. */
@Module({ providers: [ApprovalTemplates, ApprovalMailer, ApprovalRecipients, NotifyGateDecidersHandler, NotifyRequesterHandler] })
export class ApprovalRoutingModule {}
