import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotACommand, ApiProblems } from '../openapi/api-problems.decorator';
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
  @ApiOperation({ summary: 'Registers a shop (tenant) and its owner; answers with a session' })
  @ApiCreatedResponse({ type: AuthSession, description: 'Registers a shop (tenant) and its owner.' })
  signup(@Body() input: SignupInput): Promise<AuthSession> {
    return this.auth.signup(input);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Logs in with e-mail and password; answers with a session (bearer token)' })
  @ApiNotACommand()
  @ApiProblems(401, 429)
  @ApiOkResponse({ type: AuthSession })
  login(@Body() input: LoginInput): Promise<AuthSession> {
    return this.auth.login(input);
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
  @ApiOperation({ summary: 'Accepts an invitation by its token, setting a password; answers with a session' })
  @ApiProblems(401)
  @ApiOkResponse({ type: AuthSession })
  accept(@Body() input: AcceptInvitationInput): Promise<AuthSession> {
    return this.auth.acceptInvitation(input);
  }
}
