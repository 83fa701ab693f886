import { createSecretKey, KeyObject } from 'node:crypto';
import { AppConfig } from '../config/config';
import { UnauthenticatedError } from '../errors/errors';

/** The only algorithm we sign with and accept: `alg: none`, HS512 or RS256 (key confusion) are refused. */
export const TOKEN_ALGORITHM = 'HS256' as const;
/** How far a token's `iat` may lie ahead of our clock (servers drift a little, never minutes). */
export const IAT_SKEW_SECONDS = 30;

/**
 * The HS256 key as a KeyObject, made once. Given a string, jsonwebtoken's verify first tries
 * to parse it as a PEM public key and only then makes a secret key of it, on every request
 * (issue #10: 17% of the API's CPU); a KeyObject skips both.
 */
export function tokenKey(config: AppConfig): KeyObject {
  return createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
}

/**
 * What jsonwebtoken cannot be told to require: a token without `exp` would never expire and one
 * without `iat` (or issued in the future) cannot be judged by age.
 */
export function assertTokenTimes(claims: { exp?: unknown; iat?: unknown }, now: Date): void {
  if (typeof claims.exp !== 'number') throw new UnauthenticatedError('the token has no expiry (exp)');
  if (typeof claims.iat !== 'number') throw new UnauthenticatedError('the token has no issue time (iat)');
  if (claims.iat > now.getTime() / 1000 + IAT_SKEW_SECONDS) throw new UnauthenticatedError('the token was issued in the future (iat)');
}
