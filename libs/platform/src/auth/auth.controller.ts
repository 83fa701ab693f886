import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiConflictResponse } from '@nestjs/swagger';
import { clientIp } from './client-ip';
import { RequireAbility } from '../authorization/abilities.guard';
import { AcceptInvitationInput, AuthSession, Invitation, InviteUserInput, LoginInput, SignupInput } from './auth.dto';
import { AuthService } from './auth.service';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: AuthSession, description: 'Registers a shop (tenant) and its owner.' })
  @ApiConflictResponse({ description: '`ACCOUNT_EXISTS`: the e-mail has an account and the password is not its password.' })
  signup(@Body() input: SignupInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.signup(input, clientIp(req));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSession })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or too many failed logins of this account (locked even for the right password); `Retry-After` says when to try again.' })
  login(@Body() input: LoginInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.login(input, clientIp(req));
  }

  @Post('invitations')
  @ApiBearerAuth()
  @RequireAbility('invite', 'User')
  @ApiCreatedResponse({ type: Invitation })
  invite(@Body() input: InviteUserInput): Promise<Invitation> {
    return this.auth.invite(input);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSession })
  @ApiConflictResponse({ description: '`ACCOUNT_EXISTS`: the invited e-mail has an account and the password is not its password.' })
  accept(@Body() input: AcceptInvitationInput, @Req() req: Request): Promise<AuthSession> {
    return this.auth.acceptInvitation(input, clientIp(req));
  }
}
