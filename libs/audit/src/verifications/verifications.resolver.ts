import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdOf, RequireAbility } from '@workbay/platform';
import { AuditVerificationJobView } from './verifications.dto';
import { Verifications } from './verifications';

@Resolver()
export class VerificationsResolver {
  constructor(private readonly verifications: Verifications) {}

  @Mutation(() => AuditVerificationJobView, { description: "Starts recomputing the tenant's hash chains in the worker; poll auditVerificationJob(id) until done" })
  @RequireAbility('verify', 'AuditLog')
  startAuditVerification(): Promise<AuditVerificationJobView> {
    return this.verifications.start();
  }

  @Query(() => AuditVerificationJobView, { description: 'A verification run: queued, running (events checked so far), done with the report, or failed' })
  @RequireAbility('verify', 'AuditLog')
  auditVerificationJob(@Args('id', { type: () => ID, description: 'the id startAuditVerification answered' }, IdOf('verification')) id: string): Promise<AuditVerificationJobView> {
    return this.verifications.get(id);
  }
}
