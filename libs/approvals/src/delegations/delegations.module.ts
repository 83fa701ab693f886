import { Module } from '@nestjs/common';
import { DelegateApprovalsHandler, RevokeDelegationHandler } from './delegate-approvals';
import { DelegationsController } from './delegations.controller';
import { DelegationsResolver } from './delegations.resolver';

@Module({ controllers: [DelegationsController], providers: [DelegateApprovalsHandler, RevokeDelegationHandler, DelegationsResolver] })
export class DelegationsApiModule {}
