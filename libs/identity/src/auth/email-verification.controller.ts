import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotACommand, ApiProblems, Public, RequireAbility, SignedIn } from '@workbay/platform';
import { CurrentUser, EmailVerified, VerificationEmailSent, VerifyEmailInput } from './email-verification.dto';
import { AllowUnverified } from './email-verification.gate';
import { EmailVerifications } from './email-verification';

@ApiTags('auth')
@Controller('auth')
export class EmailVerificationController {
  constructor(private readonly verifications: EmailVerifications) {}

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  @ApiNotACommand()
  @ApiOperation({
    summary: "Verifies the shop owner's e-mail address with the token of the link sent at signup",
    description: 'Single use. A refused token is 422 naming why: `VERIFICATION_TOKEN_UNKNOWN`, `VERIFICATION_TOKEN_USED`, `VERIFICATION_TOKEN_SUPERSEDED` (a newer e-mail was sent) or `VERIFICATION_TOKEN_EXPIRED`. Lifts the block on commands at once, for tokens already issued too.',
  })
  @ApiProblems(422)
  @ApiOkResponse({ type: EmailVerified })
  verify(@Body() input: VerifyEmailInput): Promise<EmailVerified> {
    return this.verifications.verify(input.token);
  }

  @Post('verification-email')
  @HttpCode(200)
  @ApiBearerAuth()
  @AllowUnverified()
  @RequireAbility('update', 'Tenant')
  @ApiOperation({
    summary: "Sends the shop owner's verification e-mail again (owner, admin); earlier links stop working",
    description: 'Throttled per shop (429 with `Retry-After`); 409 `EMAIL_ALREADY_VERIFIED` once verified. Works after the grace too.',
  })
  @ApiProblems(429)
  @ApiOkResponse({ type: VerificationEmailSent })
  resend(): Promise<VerificationEmailSent> {
    return this.verifications.resend();
  }

  @Get('me')
  @ApiBearerAuth()
  @SignedIn()
  @ApiOperation({ summary: "Who is signed in, and whether the shop's e-mail is verified and until when it may run commands without" })
  @ApiOkResponse({ type: CurrentUser })
  me(): Promise<CurrentUser> {
    return this.verifications.me();
  }
}
