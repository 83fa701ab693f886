export { AuditModule } from './audit.module';
export * from './audit.dto';
export { AUDIT } from './manifest';
