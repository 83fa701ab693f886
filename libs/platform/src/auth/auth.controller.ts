import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  signup(@Body() input: SignupInput): Promise<AuthSession> {
    return this.auth.signup(input);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSession })
  login(@Body() input: LoginInput): Promise<AuthSession> {
    return this.auth.login(input);
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
  accept(@Body() input: AcceptInvitationInput): Promise<AuthSession> {
    return this.auth.acceptInvitation(input);
  }
}
