import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '@workbay/platform';
import { AuditEventPage, AuditEventsArgs, AuditRecordQueryArgs, AuditRecordView, AuditVerificationView } from './audit.dto';
import { AuditService } from './audit.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPage, { description: "The tenant's events in global order (replay), paged by position" })
  @RequireAbility('read', 'AuditLog')
  auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventPage> {
    return this.audit.events(args.after ?? 0, args.first ?? 100);
  }

  // Priced as what it does (reads every event of the tenant), so aliases cannot run it over and over.
  @Query(() => AuditVerificationView, {
    description: "Recomputes the tenant's hash chains within the request",
    deprecationReason: 'Holds the request for the whole run: use startAuditVerification and poll auditVerificationJob',
    complexity: 200,
  })
  @RequireAbility('verify', 'AuditLog')
  auditVerification(): Promise<AuditVerificationView> {
    return this.audit.verification();
  }

  @Query(() => AuditRecordView, { description: 'Any record as it stood at an instant: its state and the events that made it', complexity: 20 })
  @RequireAbility('replay', 'AuditLog')
  auditRecord(@Args() { category, id, asOf }: AuditRecordQueryArgs): Promise<AuditRecordView> {
    return this.audit.record(category, id, asOf);
  }
}
