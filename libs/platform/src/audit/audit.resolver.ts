import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '../authorization/abilities.guard';
import { AuditEventPage, AuditEventsArgs, AuditVerificationView } from './audit.dto';
import { AuditService } from './audit.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPage, { description: "The tenant's events in global order (replay), paged by position" })
  @RequireAbility('read', 'AuditLog')
  auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventPage> {
    return this.audit.events(args.after ?? 0, args.first ?? 100);
  }

  @Query(() => AuditVerificationView, { description: "Recomputes the tenant's hash chains" })
  @RequireAbility('verify', 'AuditLog')
  auditVerification(): Promise<AuditVerificationView> {
    return this.audit.verification();
  }
}
