import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';

/**
 * Quota units are counted after every guard: a command a command gate refuses (here the e-mail
 * verification gate, with no grace) consumes nothing. No worker runs: the tenant is gated from
 * signup on, its subscription resolved from the signup plan by the API alone.
 */
describe('quota counting behind the command gates, with no worker', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'entitlegate', worker: false, config: { EMAIL_VERIFICATION_GRACE: '0s' } });
  });
  afterAll(() => platform.close());

  it('refuses an unverified shop\'s creations with 403 EMAIL_VERIFICATION_REQUIRED and counts none of them', async () => {
    const signup = await platform.http().post('/auth/signup').send({
      companyName: 'Unverified Motors', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner',
      email: `owner.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery',
    }).expect(201);
    const auth = { Authorization: `Bearer ${signup.body.accessToken}` };
    for (let i = 0; i < 3; i++) {
      const refused = await platform.http().post('/customers').set(auth).send({ firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(403);
      expect(refused.body.code).toBe('EMAIL_VERIFICATION_REQUIRED');
    }
    const entitlements = (await platform.http().get('/billing/entitlements').set(auth).expect(200)).body;
    expect(entitlements).toMatchObject({ plan: 'starter', version: 1 });
    expect(entitlements.quotas).toContainEqual(expect.objectContaining({ meter: 'customers_created', used: 0, hard: 200 }));
  });
});
