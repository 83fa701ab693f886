import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { clientIp } from './client-ip';
import { RequireAbility, Public } from '@workbay/platform';
import { AcceptInvitationInput, AuthSession, Invitation, InviteUserInput, LoginInput, SignupInput } from './auth.dto';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthSession)
  signup(@Args('input') input: SignupInput, @Context('req') req: Request): Promise<AuthSession> {
    return this.auth.signup(input, clientIp(req));
  }

  @Public()
  @Mutation(() => AuthSession)
  login(@Args('input') input: LoginInput, @Context('req') req: Request): Promise<AuthSession> {
    return this.auth.login(input, clientIp(req));
  }

  @RequireAbility('invite', 'User')
  @Mutation(() => Invitation)
  inviteUser(@Args('input') input: InviteUserInput): Promise<Invitation> {
    return this.auth.invite(input);
  }

  @Public()
  @Mutation(() => AuthSession)
  acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context('req') req: Request): Promise<AuthSession> {
    return this.auth.acceptInvitation(input, clientIp(req));
  }
}
