import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { Mail, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { eventually } from './support/waiting';


const PASSWORD = 'correct horse battery';
const CUSTOMER = { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' };
const REGISTER_CUSTOMER = 'mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }';
const VERIFY = 'mutation V($input: VerifyEmailInput!) { verifyEmail(input: $input) { email verifiedAt } }';
const RESEND = 'mutation { resendVerificationEmail { email expiresAt } }';
const ME = '{ me { userId tenantId email roles emailVerified emailVerifiedAt emailVerificationDeadline } }';

/** The text part as the relay got it: quoted-printable soft breaks and `=3D` undone. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const tokenIn = (mail: Mail) => {
  const match = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(decoded(mail.raw));
  if (!match) throw new Error(`no verification link in:\n${mail.raw}`);
  return match[1];
};

/**
 * Signup's e-mail verification end to end with real parts: the SMTP sink receives what the
 * worker delivers through BullMQ, tokens are checked against Postgres, the resend limit in Redis.
 * `shop` has no grace at all (EMAIL_VERIFICATION_GRACE=0s), so its commands are refused until the
 * link is followed; `brief` keeps the default grace and a one-second link.
 */
describe('E-mail verification at signup', () => {
  let smtp: SmtpSink;
  let shop: Platform;
  let brief: Platform;
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const nthMailTo = (email: string, n: number) => eventually(async () => mailsTo(email)[n - 1], `verification e-mail ${n} to ${email}`);

  const signup = async (platform: Platform, name: string, headers: Record<string, string> = {}) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await platform.http().post('/auth/signup').set(headers)
      .send({ companyName: name, country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner', email, password: PASSWORD });
    expect(res.status).toBe(201);
    return { email, client: new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId), body: res.body };
  };
  const login = async (platform: Platform, email: string) =>
    (await platform.http().post('/auth/login').send({ email, password: PASSWORD }).expect(200)).body.accessToken as string;
  const verify = (platform: Platform, token: string) => platform.http().post('/auth/verify-email').send({ token });
  const lookups = async (platform: Platform) => {
    const text = (await platform.http().get('/metrics').expect(200)).text;
    return Object.fromEntries([...text.matchAll(/^workbay_email_verification_lookups_total\{outcome="(\w+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const mail = {
      SMTP_URL: smtp.url,
      PUBLIC_APP_URL: 'https://app.workbay.test/',
      NOTIFICATION_SWEEP_INTERVAL_MS: '200',
      NOTIFICATION_SWEEP_AFTER_MS: '1500',
    };
    shop = await startPlatform({ prefix: 'verify', config: { ...mail, EMAIL_VERIFICATION_GRACE: '0s', EMAIL_VERIFICATION_RESEND_MAX: '2' } });
    brief = await startPlatform({ prefix: 'verifyttl', config: { ...mail, EMAIL_VERIFICATION_TTL: '1s' } });
  });
  afterAll(async () => {
    await shop?.close();
    await brief?.close();
    await smtp?.close();
  });

  it('sends exactly one verification e-mail per signup, also when the signup is retried with its Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `signup-${Math.random()}` };
    const { email, body } = await signup(shop, 'Once Motors', headers);
    const again = await shop.http().post('/auth/signup').set(headers)
      .send({ companyName: 'Once Motors', country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner', email, password: PASSWORD }).expect(201);
    expect(again.body.tenantId).toBe(body.tenantId);
    const mail = await nthMailTo(email, 1);
    expect(decoded(mail.raw)).toContain('Subject: Verify your e-mail address for Once Motors on Workbay');
    expect(decoded(mail.raw)).toMatch(/https:\/\/app\.workbay\.test\/verify-email\?token=[A-Za-z0-9_-]{43}/);
    // The sweep runs every 200 ms: give a second e-mail every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(mailsTo(email)).toHaveLength(1);
  });

  it("verifies with the link's token once; a second use, a made-up token and a malformed one are refused with their reason", async () => {
    const { email, client } = await signup(shop, 'Link Motors');
    const before = (await client.get('/auth/me').expect(200)).body;
    expect(before).toMatchObject({ userId: client.userId, tenantId: client.tenantId, email, roles: ['owner'], emailVerified: false, emailVerifiedAt: null });
    expect(Date.parse(before.emailVerificationDeadline)).toBeLessThanOrEqual(Date.now());

    const token = tokenIn(await nthMailTo(email, 1));
    const verified = await verify(shop, token).expect(200);
    expect(verified.body).toEqual({ email, verifiedAt: expect.any(String) });
    const used = await verify(shop, token).expect(422);
    expect(used.body).toMatchObject({ code: 'VERIFICATION_TOKEN_USED', type: 'https://workbay.dev/problems/verification-token-used', errors: [{ field: 'token' }] });
    const unknown = await verify(shop, 'A'.repeat(43)).expect(422);
    expect(unknown.body).toMatchObject({ code: 'VERIFICATION_TOKEN_UNKNOWN' });
    expect((await verify(shop, 'short').expect(400)).body.errors[0].field).toBe('token');

    const after = (await client.graphql(ME).expect(200)).body.data.me;
    expect(after).toMatchObject({ emailVerified: true, emailVerifiedAt: verified.body.verifiedAt, emailVerificationDeadline: null });
    // The fact is on the tenant's stream, for auditors.
    const events = (await client.get('/audit/events?first=100').expect(200)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['EmailVerificationSent', 'EmailVerified']));
    expect(events.find((e) => e.type === 'EmailVerified')!.data).toMatchObject({ userId: client.userId, email });
    // Once verified there is nothing to send again.
    expect((await client.post('/auth/verification-email', {}).expect(409)).body.code).toBe('EMAIL_ALREADY_VERIFIED');
  });

  it('refuses an expired token, and a shop within its default grace runs commands without asking the database', async () => {
    const { email, client } = await signup(brief, 'Late Motors');
    const me = (await client.get('/auth/me').expect(200)).body;
    expect(Date.parse(me.emailVerificationDeadline) - Date.now()).toBeGreaterThan(71 * 3600_000);
    const before = await lookups(brief);
    await client.post('/customers', CUSTOMER).expect(201);
    expect((await client.graphql(REGISTER_CUSTOMER, { input: CUSTOMER }).expect(200)).body.data.registerCustomer.id).toEqual(expect.any(String));
    expect(await lookups(brief)).toEqual(before);

    const token = tokenIn(await nthMailTo(email, 1));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await verify(brief, token).expect(422);
    expect(expired.body).toMatchObject({ code: 'VERIFICATION_TOKEN_EXPIRED', type: 'https://workbay.dev/problems/verification-token-expired' });
    const gql = await brief.http().post('/graphql').send({ query: VERIFY, variables: { input: { token } } }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'VERIFICATION_TOKEN_EXPIRED', status: 422 });
  });

  it('resends a new link that retires the old one, and throttles resending per shop (429 with Retry-After)', async () => {
    const { email, client } = await signup(shop, 'Resend Motors');
    const first = tokenIn(await nthMailTo(email, 1));
    const resent = await client.post('/auth/verification-email', {}).expect(200);
    expect(resent.body).toEqual({ email, expiresAt: expect.any(String) });
    const second = tokenIn(await nthMailTo(email, 2));
    expect(second).not.toBe(first);
    const viaGraphql = await client.graphql(RESEND).expect(200);
    expect(viaGraphql.body.data.resendVerificationEmail.email).toBe(email);
    const third = tokenIn(await nthMailTo(email, 3));

    const limited = await client.post('/auth/verification-email', {}).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('RATE_LIMITED');
    const limitedGql = await client.graphql(RESEND).expect(200);
    expect(limitedGql.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailsTo(email)).toHaveLength(3);

    for (const old of [first, second]) expect((await verify(shop, old).expect(422)).body.code).toBe('VERIFICATION_TOKEN_SUPERSEDED');
    await verify(shop, third).expect(200);
  });

  it("refuses a shop's commands past its grace on REST and GraphQL while reads work, and lifts it on verifying without a new login", async () => {
    const { email, client } = await signup(shop, 'Grace Motors');
    const blocked = await client.post('/customers', CUSTOMER).expect(403);
    expect(blocked.body).toMatchObject({ code: 'EMAIL_VERIFICATION_REQUIRED', type: 'https://workbay.dev/problems/email-verification-required' });
    const blockedGql = await client.graphql(REGISTER_CUSTOMER, { input: CUSTOMER }).expect(200);
    expect(blockedGql.body.errors[0].extensions).toMatchObject({ code: 'EMAIL_VERIFICATION_REQUIRED', status: 403 });
    expect(blockedGql.body.data).toBeNull();
    // Reads, the users list, login and the session still work.
    expect((await client.get('/customers').expect(200)).body.items).toEqual([]);
    await client.get('/users').expect(200);
    expect((await client.graphql('{ customers { items { id } } }').expect(200)).body.errors).toBeUndefined();
    const relogged = new ShopClient(shop, await login(shop, email), client.tenantId, client.userId);
    await relogged.post('/customers', CUSTOMER).expect(403);
    expect((await relogged.get('/auth/me').expect(200)).body.emailVerified).toBe(false);

    await verify(shop, tokenIn(await nthMailTo(email, 1))).expect(200);
    // The same tokens as before, no new login: the block is gone at once.
    const created = await client.post('/customers', CUSTOMER).expect(201);
    expect(created.body.id).toEqual(expect.any(String));
    expect((await relogged.graphql(REGISTER_CUSTOMER, { input: CUSTOMER }).expect(200)).body.data.registerCustomer.id).toEqual(expect.any(String));
  });

  it("asks the database only for a token past its grace: a verified shop's new session makes no lookup", async () => {
    const { email, client } = await signup(shop, 'Counted Motors');
    const start = await lookups(shop);
    await client.post('/customers', CUSTOMER).expect(403);
    await client.post('/customers', CUSTOMER).expect(403);
    const blocked = await lookups(shop);
    expect((blocked.blocked ?? 0) - (start.blocked ?? 0)).toBe(2);

    await verify(shop, tokenIn(await nthMailTo(email, 1))).expect(200);
    const fresh = new ShopClient(shop, await login(shop, email), client.tenantId, client.userId);
    const verifiedBefore = await lookups(shop);
    for (let i = 0; i < 3; i++) await fresh.post('/customers', CUSTOMER).expect(201);
    await fresh.graphql(REGISTER_CUSTOMER, { input: CUSTOMER }).expect(200);
    // The old token (with its `evd`) goes by this process's memory of the verification.
    await client.post('/customers', CUSTOMER).expect(201);
    expect(await lookups(shop)).toEqual(verifiedBefore);
  });
});
