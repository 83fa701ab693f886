import { createHmac, createSecretKey, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { bearerToken, verifyToken } from './token-verifier';

/** The direct HMAC check against what jsonwebtoken's verify (passport-jwt's) decides for the same token. */
describe('verifyToken', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const rules = { issuer: 'workbay', audience: 'workbay-api', maxAgeSeconds: 600 };
  const now = 1_900_000_000;
  const claims = { sub: 'u', tid: 't', roles: ['owner'], email: 'a@b.c', iss: 'workbay', aud: 'workbay-api', iat: now - 10, exp: now + 500 };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** HS256 by hand: jsonwebtoken's sign refuses the mistyped claims a forger can still send. */
  const hs256 = (payload: unknown, k: string = secret) => {
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${input}.${createHmac('sha256', k).update(input).digest('base64url')}`;
  };
  const sign = (payload: object, options: jwt.SignOptions = {}, k: jwt.Secret = secret) =>
    options.algorithm ? jwt.sign(payload, k, options) : hs256(payload, k as string);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jsonwebtokenAccepts = (token: string) => {
    try {
      jwt.verify(token, key, { algorithms: ['HS256'], issuer: rules.issuer, audience: rules.audience, maxAge: rules.maxAgeSeconds, clockTimestamp: now });
      return true;
    } catch {
      return false;
    }
  };

  const cases: [string, string, boolean][] = [
    ['a good token', sign(claims), true],
    ['an audience list holding ours', sign({ ...claims, aud: ['other', 'workbay-api'] }), true],
    ['a token already valid (nbf now)', sign({ ...claims, nbf: now }), true],
    ['without exp (the strategy refuses it after)', sign({ ...claims, exp: undefined }), true],
    ['not yet valid (nbf)', sign({ ...claims, nbf: now + 1 }), false],
    ['a string nbf', sign({ ...claims, nbf: String(now) }), false],
    ['expired at this second', sign({ ...claims, exp: now }), false],
    ['a string exp', sign({ ...claims, exp: String(now + 100) }), false],
    ['older than its lifetime', sign({ ...claims, iat: now - 600 }), false],
    ['without iat', sign({ ...claims, iat: undefined }), false],
    ['another issuer', sign({ ...claims, iss: 'someone-else' }), false],
    ['no issuer', sign({ ...claims, iss: undefined }), false],
    ['another audience', sign({ ...claims, aud: 'another-api' }), false],
    ['no audience', sign({ ...claims, aud: undefined }), false],
    ['HS512 with our secret', sign(claims, { algorithm: 'HS512' }), false],
    ['RS256', sign(claims, { algorithm: 'RS256' }, privateKey), false],
    ['another secret', sign(claims, {}, 'another-secret-that-is-long-enough-0123456789'), false],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, false],
  ];

  it.each(cases)('decides %s as jsonwebtoken does', (_name, token, accepted) => {
    expect(verifyToken(token, key, rules, now) !== null).toBe(accepted);
    expect(jsonwebtokenAccepts(token)).toBe(accepted);
  });

  it('refuses a tampered payload, signature or shape', () => {
    const [h, p, s] = sign(claims).split('.');
    const forgedPayload = b64({ ...claims, roles: ['owner', 'admin'], tid: 'other' });
    const flipped = s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    for (const bad of [`${h}.${forgedPayload}.${s}`, `${h}.${p}.${flipped}`, `${h}.${p}.${s}=`, `${h}.${p}.${s}.`, `${h}.${p}`, `${h}.${p}.`, '', `${h}..${s}`, `${b64('x')}.${p}.${s}`]) {
      expect([bad, verifyToken(bad, key, rules, now)]).toEqual([bad, null]);
    }
    expect(verifyToken(hs256([claims]), key, rules, now)).toBeNull();
    expect(verifyToken(hs256('a string'), key, rules, now)).toBeNull();
    expect(verifyToken(sign(claims, { algorithm: 'HS256' }), key, rules, now)).toMatchObject({ sub: 'u', tid: 't' });
  });

  it('finds the bearer credential only in a Bearer Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('  bearer   abc  ')).toBe('abc');
    for (const bad of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b', ['Bearer abc']]) expect(bearerToken(bad)).toBeNull();
  });
});
