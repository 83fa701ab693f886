import { DynamicModule, Module } from '@nestjs/common';
import { EmailVerifications } from './email-verification';
import { EmailVerificationController } from './email-verification.controller';
import { EmailVerificationResolver } from './email-verification.resolver';
import { VerificationEmailThrottle } from './verification-email-throttle';
import { VerifiedTenants } from './verified-tenants';

/**
 * Signup's e-mail verification on the API: verify and resend (REST and GraphQL), GET /auth/me.
 * EmailVerificationGuard is registered by PlatformModule right after the abilities guard, since
 * global guards run in the order they are provided and it needs the authenticated principal.
 */
@Module({})
export class EmailVerificationModule {
  static forApi(): DynamicModule {
    return {
      module: EmailVerificationModule,
      controllers: [EmailVerificationController],
      providers: [EmailVerifications, VerificationEmailThrottle, VerifiedTenants, EmailVerificationResolver],
      exports: [EmailVerifications, VerifiedTenants],
    };
  }
}
