import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, RequireAbility, SignedIn } from '@workbay/platform';
import { CurrentUser, EmailVerified, VerificationEmailSent, VerifyEmailInput } from './email-verification.dto';
import { AllowUnverified } from './email-verification.gate';
import { EmailVerifications } from './email-verification';

@Resolver()
export class EmailVerificationResolver {
  constructor(private readonly verifications: EmailVerifications) {}

  @Public()
  @Mutation(() => EmailVerified, { description: "Verifies the shop owner's e-mail with the link's token (POST /auth/verify-email); a refused token names why in extensions.code" })
  verifyEmail(@Args('input', { description: "The token from the verification e-mail's link" }) input: VerifyEmailInput): Promise<EmailVerified> {
    return this.verifications.verify(input.token);
  }

  @AllowUnverified()
  @RequireAbility('update', 'Tenant')
  @Mutation(() => VerificationEmailSent, { description: 'Sends the verification e-mail again, throttled (POST /auth/verification-email)' })
  resendVerificationEmail(): Promise<VerificationEmailSent> {
    return this.verifications.resend();
  }

  @SignedIn()
  @Query(() => CurrentUser, { description: "Who is signed in, and the shop's e-mail verification (GET /auth/me)" })
  me(): Promise<CurrentUser> {
    return this.verifications.me();
  }
}
