import { DynamicModule, Module } from '@nestjs/common';
import { EmailVerifications } from './email-verification';
import { EmailVerificationController } from './email-verification.controller';
import { EmailVerificationGate } from './email-verification.gate';
import { EmailVerificationResolver } from './email-verification.resolver';
import { VerificationEmailThrottle } from './verification-email-throttle';
import { VerifiedTenants } from './verified-tenants';

/**
 * Signup's e-mail verification on the API: verify and resend (REST and GraphQL), GET /auth/me.
 * EmailVerificationGate joins the kernel's command gates, which meet every authenticated,
 * authorized command.
 */
@Module({})
export class EmailVerificationModule {
  static forApi(): DynamicModule {
    return {
      module: EmailVerificationModule,
      controllers: [EmailVerificationController],
      providers: [EmailVerificationGate, EmailVerifications, VerificationEmailThrottle, VerifiedTenants, EmailVerificationResolver],
      exports: [EmailVerifications, VerifiedTenants],
    };
  }
}
