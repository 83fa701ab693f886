import { Module } from '@nestjs/common';
import { DecideGateHandler } from './decide-gate';
import { EscalateGateHandler, RemindGateHandler } from './gate-timers';
import { ApprovalRequestDetailHandler } from './request-detail.query';
import { RequestReferences } from './request-references';
import { RequestsController } from './requests.controller';
import { RequestsResolver } from './requests.resolver';
import { ResubmitRequestHandler } from './resubmit-request';
import { SubmitRequestHandler } from './submit-request';
import { WithdrawRequestHandler } from './withdraw-request';

const commandHandlers = [SubmitRequestHandler, DecideGateHandler, ResubmitRequestHandler, WithdrawRequestHandler, RemindGateHandler, EscalateGateHandler];

/** Requests on REST and GraphQL over one set of handlers. */
@Module({ controllers: [RequestsController], providers: [RequestReferences, ...commandHandlers, ApprovalRequestDetailHandler, RequestsResolver] })
export class RequestsApiModule {}

/** The saga's deadline timers dispatch RemindGate / EscalateGate in the worker. */
@Module({ providers: [RemindGateHandler, EscalateGateHandler] })
export class RequestsWorkerModule {}
