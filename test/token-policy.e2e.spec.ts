import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/**
 * Tokens a client forges or keeps too long, each refused with 401 on both edges. The claims are
 * a real owner's, so only the property under test makes a token wrong.
 */
describe('bearer tokens we accept', () => {
  let platform: Platform;
  let owner: ShopClient;
  let claims: Record<string, unknown>;
  const now = () => Math.floor(Date.now() / 1000);
  const { privateKey: rsaKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const sign = (payload: Record<string, unknown>, options: jwt.SignOptions = {}, key: jwt.Secret = platform.config.JWT_SECRET) =>
    jwt.sign(payload, key, { algorithm: 'HS256', ...options });
  const good = () => ({ ...claims, iss: platform.config.JWT_ISSUER, aud: platform.config.JWT_AUDIENCE, iat: now(), exp: now() + 600 });
  /** `alg: none` cannot be made with jsonwebtoken's sign (it refuses): it is just two segments and an empty signature. */
  const unsigned = (payload: object) =>
    [{ alg: 'none', typ: 'JWT' }, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';

  const forged: [string, () => string][] = [
    ['without exp', () => { const { exp: _e, ...rest } = good(); return sign(rest); }],
    ['without iat', () => { const { iat: _i, ...rest } = good(); return sign(rest, { noTimestamp: true }); }],
    ['with alg none', () => unsigned(good())],
    ['signed HS512 with our secret', () => sign(good(), { algorithm: 'HS512' })],
    ['signed RS256', () => sign(good(), { algorithm: 'RS256' }, rsaKey)],
    ['from another issuer', () => sign({ ...good(), iss: 'someone-else' })],
    ['without an issuer', () => { const { iss: _s, ...rest } = good(); return sign(rest); }],
    ['for another audience', () => sign({ ...good(), aud: 'another-api' })],
    ['expired', () => sign({ ...good(), iat: now() - 700, exp: now() - 100 })],
    ['issued an hour in the future', () => sign({ ...good(), iat: now() + 3600, exp: now() + 7200 })],
    ['signed with another secret', () => sign(good(), {}, 'another-secret-that-is-long-enough-0123456789')],
  ];

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'tokens' });
    owner = await ShopClient.signup(platform, 'Token Motors');
    claims = jwt.decode(owner.token) as Record<string, unknown>;
    delete claims.iat; delete claims.exp; delete claims.iss; delete claims.aud;
  });
  afterAll(() => platform.close());

  it('signs sessions with HS256, exp, iat, our issuer and audience', () => {
    const decoded = jwt.decode(owner.token, { complete: true })!;
    expect(decoded.header.alg).toBe('HS256');
    expect(decoded.payload).toMatchObject({ iss: 'workbay', aud: 'workbay-api', exp: expect.any(Number), iat: expect.any(Number) });
  });

  it('accepts a token with every required claim (the forgeries below differ from it in one thing)', async () => {
    await platform.http().get('/users').set('Authorization', `Bearer ${sign(good())}`).expect(200);
    const res = await platform.http().post('/graphql').set('Authorization', `Bearer ${sign(good())}`).send({ query: '{ users { items { id } } }' }).expect(200);
    expect(res.body.errors).toBeUndefined();
  });

  it.each(forged)('refuses a token %s with 401 problem+json on REST', async (_name, token) => {
    const res = await platform.http().get('/users').set('Authorization', `Bearer ${token()}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it.each(forged)('refuses a token %s with UNAUTHENTICATED (401) on GraphQL', async (_name, token) => {
    const res = await platform.http().post('/graphql').set('Authorization', `Bearer ${token()}`).send({ query: '{ users { items { id } } }' });
    expect(res.body.data?.users ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });
});
