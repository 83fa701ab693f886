import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';

describe('Tenant slugs: unique, from the shop name, on /auth/me', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'slug', worker: false });
  });
  afterAll(() => platform?.close());

  const slugOf = async (client: ShopClient) => (await client.get('/auth/me').expect(200)).body.tenantSlug as string;

  it('derives the slug from the shop name and shows it to the signed-in user, on REST and GraphQL', async () => {
    const owner = await ShopClient.signup(platform, 'Müller Kfz & Söhne');
    expect(await slugOf(owner)).toBe('muller-kfz-sohne');
    const res = await owner.graphql('{ me { tenantSlug } }').expect(200);
    expect(res.body.data.me.tenantSlug).toBe('muller-kfz-sohne');
  });

  it('gives shops of one name opening at once distinct slugs, each with the next free suffix', async () => {
    const owners = await Promise.all(Array.from({ length: 5 }, () => ShopClient.signup(platform, 'Twin Salon')));
    const slugs = await Promise.all(owners.map(slugOf));
    expect([...slugs].sort()).toEqual(['twin-salon', 'twin-salon-2', 'twin-salon-3', 'twin-salon-4', 'twin-salon-5']);
  });
});
