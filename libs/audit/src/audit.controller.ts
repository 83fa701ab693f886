import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '@workbay/platform';
import { AuditEventPage, AuditEventsArgs, AuditRecordArgs, AuditRecordView, AuditVerificationView } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @RequireAbility('read', 'AuditLog')
  @ApiOperation({ summary: "The tenant's events in global order (replay), paged by position" })
  @ApiOkResponse({ type: AuditEventPage })
  events(@Query() args: AuditEventsArgs): Promise<AuditEventPage> {
    return this.audit.events(args.after ?? 0, args.first ?? 100);
  }

  @Get('verification')
  @RequireAbility('verify', 'AuditLog')
  // Kept for small tenants and existing clients; it holds the request for the whole run (about a
  // second per 100k events), which POST /audit/verifications does not.
  @ApiOperation({
    summary: "Recomputes the tenant's hash chains within the request; names the first altered, removed or reordered event per stream",
    description: 'Deprecated: holds the request open for the whole run. Start a run with POST /audit/verifications and poll it instead.',
    deprecated: true,
  })
  @ApiOkResponse({ type: AuditVerificationView })
  verification(): Promise<AuditVerificationView> {
    return this.audit.verification();
  }

  @Get('records/:category/:id')
  @RequireAbility('replay', 'AuditLog')
  @ApiOperation({ summary: 'Any record (quote, invoice, repair-order, customer ...) as it stood at an instant: its state and the events that made it' })
  @ApiOkResponse({ type: AuditRecordView })
  record(@Param('category') category: string, @Param('id') id: string, @Query() { asOf }: AuditRecordArgs): Promise<AuditRecordView> {
    return this.audit.record(category, id, asOf);
  }
}
