import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/**
 * The auditor's reads over every context's events: a tenant's event log, record replay as of an
 * instant, and hash-chain verification. What a context records into (the audit outbox, the
 * auditable record categories) is the kernel's; this module only reads.
 */
@Module({ controllers: [AuditController], providers: [AuditService, AuditResolver] })
export class AuditModule {}
