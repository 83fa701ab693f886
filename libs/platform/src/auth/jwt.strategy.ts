import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/config';
import { Clock } from '../context/clock';
import { Principal, RequestContext, ROLES, Role } from '../context/request-context';
import { UnauthenticatedError } from '../errors/errors';
import { UserDirectory } from '../users/user-directory';
import { assertTokenTimes, TOKEN_ALGORITHM, tokenKey } from './token-policy';

export interface JwtClaims {
  sub: string;
  tid: string;
  roles: Role[];
  email: string;
  /** Unix seconds when the shop's e-mail verification grace ends; absent once it is verified (identity's EmailVerificationGate). */
  evd?: number;
  exp?: number;
  iat?: number;
}

/**
 * The only place a tenant enters a request: the `tid` claim of a token we signed. Roles are read
 * from the user's current record, not the token: an owner who takes a role away (or a user who
 * is no longer active) takes effect on the next request, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(config: AppConfig, private readonly context: RequestContext, private readonly users: UserDirectory, private readonly clock: Clock) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken untouched, which takes a KeyObject (its typing predates them).
      secretOrKey: tokenKey(config) as unknown as string,
      algorithms: [TOKEN_ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
      // Also requires `iat`: a token older than its lifetime is refused whatever its `exp` says.
      jsonWebTokenOptions: { maxAge: config.JWT_TTL_SECONDS },
    });
  }

  async validate(claims: JwtClaims): Promise<Principal> {
    assertTokenTimes(claims, this.clock.now());
    if (!claims.sub || !claims.tid || !Array.isArray(claims.roles)) throw new UnauthenticatedError('malformed token');
    const user = await this.users.accessOf(claims.tid, claims.sub);
    if (!user || user.status !== 'active') throw new UnauthenticatedError('this account is not active in this shop any more');
    const principal: Principal = {
      userId: claims.sub,
      tenantId: claims.tid,
      roles: user.roles.filter((r): r is Role => ROLES.includes(r as Role)) as Role[],
      email: claims.email,
      ...(typeof claims.evd === 'number' ? { emailVerificationDue: claims.evd } : {}),
    };
    this.context.setPrincipal(principal);
    return principal;
  }
}
