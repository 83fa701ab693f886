import { createHmac, KeyObject, timingSafeEqual } from 'node:crypto';

export interface TokenRules {
  issuer: string;
  audience: string;
  /** Seconds since `iat` after which a token is refused whatever its `exp` says. */
  maxAgeSeconds: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The bearer credential of an Authorization header, or null when there is none. */
export function bearerToken(authorization: unknown): string | null {
  return typeof authorization === 'string' ? (BEARER.exec(authorization)?.[1] ?? null) : null;
}

/**
 * The claims of an HS256 token we signed, checked as jsonwebtoken's verify checked them for
 * passport-jwt (algorithms: [HS256], issuer, audience, maxAge, exp and nbf against the wall
 * clock, no tolerance), or null for anything else. One HMAC over a key made once, instead of
 * passport's strategy run, jsonwebtoken's option checks, jws's streams and three JSON decodes
 * per request (issue #10). Only HS256 is ever computed: `alg: none`, HS512 or RS256 (key
 * confusion) are refused by the header before any key is used.
 */
export function verifyToken(token: string, key: KeyObject, rules: TokenRules, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return null;
  const header = jsonObject(parts[0]);
  if (!header || header.alg !== 'HS256') return null;
  const expected = Buffer.from(createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
  const presented = Buffer.from(parts[2]);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  const claims = jsonObject(parts[1]);
  if (!claims) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > nowSeconds)) return null;
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || nowSeconds >= claims.exp)) return null;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(rules.audience)) return null;
  if (claims.iss !== rules.issuer) return null;
  if (typeof claims.iat !== 'number' || nowSeconds >= claims.iat + rules.maxAgeSeconds) return null;
  return claims;
}

function jsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
