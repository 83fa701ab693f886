import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/config';
import { Principal, RequestContext, ROLES, Role } from '../context/request-context';
import { UnauthenticatedError } from '../errors/errors';

export interface JwtClaims {
  sub: string;
  tid: string;
  roles: Role[];
  email: string;
}

/** The only place a tenant enters a request: the `tid` claim of a token we signed. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(config: AppConfig, private readonly context: RequestContext) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: JwtClaims): Principal {
    if (!claims.sub || !claims.tid || !Array.isArray(claims.roles)) throw new UnauthenticatedError('malformed token');
    const principal: Principal = {
      userId: claims.sub,
      tenantId: claims.tid,
      roles: claims.roles.filter((r): r is Role => ROLES.includes(r)),
      email: claims.email,
    };
    this.context.setPrincipal(principal);
    return principal;
  }
}
