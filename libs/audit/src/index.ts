export { AuditModule } from './audit.module';
export * from './audit.dto';
