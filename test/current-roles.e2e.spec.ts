import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

describe('roles take effect on the next request, not when the token expires', () => {
  let platform: Platform;
  let owner: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'roles' });
    owner = await ShopClient.signup(platform);
  });
  afterAll(() => platform.close());

  it('stops an advisor demoted to technician at once, with the token they already hold, and lets a promotion in at once', async () => {
    const advisor = await owner.invite(['service_advisor']);
    await advisor.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201);

    await owner.patch(`/users/${advisor.userId}`, { roles: ['technician'] }).expect(200);
    await advisor.post('/customers', { firstName: 'Ravi', lastName: 'K', phone: '+91 98450 22222' }).expect(403);
    const gql = await advisor.graphql(`mutation { registerCustomer(input: { firstName: "R", lastName: "K", phone: "+919845022222" }) { id } }`);
    expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');

    await owner.patch(`/users/${advisor.userId}`, { roles: ['service_advisor'] }).expect(200);
    await advisor.post('/customers', { firstName: 'Ravi', lastName: 'K', phone: '+91 98450 22222' }).expect(201);
  });
});
