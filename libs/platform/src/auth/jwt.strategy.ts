import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { AppConfig } from '../config/config';
import { Clock } from '../context/clock';
import { Principal, RequestContext, ROLES, Role } from '../context/request-context';
import { UnauthenticatedError } from '../errors/errors';
import { UserDirectory } from '../users/user-directory';
import { assertTokenTimes, tokenKey } from './token-policy';
import { bearerToken, TokenRules, verifyToken } from './token-verifier';

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
export class JwtStrategy {
  private readonly key: KeyObject;
  private readonly rules: TokenRules;

  constructor(config: AppConfig, private readonly context: RequestContext, private readonly users: UserDirectory, private readonly clock: Clock) {
    this.key = tokenKey(config);
    // maxAge also requires `iat`: a token older than its lifetime is refused whatever its `exp` says.
    this.rules = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, maxAgeSeconds: config.JWT_TTL_SECONDS };
  }

  /** The principal of the request's bearer token; 401 for a missing, forged, expired or foreign one, or a user no longer active. */
  async authenticate(headers: Record<string, unknown> | undefined): Promise<Principal> {
    const token = bearerToken(headers?.authorization);
    const claims = token === null ? null : verifyToken(token, this.key, this.rules);
    if (!claims) throw new UnauthenticatedError('a valid bearer token is required');
    return this.validate(claims as unknown as JwtClaims);
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
