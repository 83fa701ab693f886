import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotACommand, ApiProblems, RequireAbility, Public } from '@workbay/platform';
import { clientIp } from './client-ip';
import { AcceptInvitationInput, AuthSession, Invitation, InviteUserInput, LoginInput, SignupInput } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @ApiOperation({
    summary: 'Registers a shop (tenant) and its owner; answers with a session',
    description: 'An e-mail that already has an account must give its password (409 `ACCOUNT_EXISTS` otherwise); that check is throttled like login (429).',
  })
  @ApiProblems(429)
  @ApiCreatedResponse({ type: AuthSession, description: 'Registers a shop (tenant) and its owner.' })
  signup(@Body() input: SignupInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.signup(input, clientIp(req));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Logs in with e-mail and password; answers with a session (bearer token)',
    description: 'Throttled per address and per account: 429 with `Retry-After` after too many attempts, or too many failed logins of the account (then locked even for the right password). An e-mail in several shops names one with `tenantId` (else 400 naming it).',
  })
  @ApiNotACommand()
  @ApiProblems(401, 429)
  @ApiOkResponse({ type: AuthSession })
  login(@Body() input: LoginInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.login(input, clientIp(req));
  }

  @Post('invitations')
  @ApiBearerAuth()
  @RequireAbility('invite', 'User')
  @ApiOperation({ summary: 'Invites a user with roles; the answer holds the single-use invitation token' })
  @ApiCreatedResponse({ type: Invitation })
  invite(@Body() input: InviteUserInput): Promise<Invitation> {
    return this.auth.invite(input);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accepts an invitation by its token, setting a password; answers with a session',
    description: 'An invited e-mail that already has an account gives that password (409 `ACCOUNT_EXISTS` otherwise; throttled like login, 429).',
  })
  @ApiProblems(401, 429)
  @ApiOkResponse({ type: AuthSession })
  accept(@Body() input: AcceptInvitationInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.acceptInvitation(input, clientIp(req));
  }
}
