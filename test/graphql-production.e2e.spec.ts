import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../apps/api/src/create-api';
import { configFor, startPlatform, Platform } from './support/platform-harness';

/** What a production API tells strangers about its GraphQL schema: nothing. */
describe('GraphQL schema disclosure in production', () => {
  let platform: Platform;
  let production: INestApplication;
  const PRODUCTION = {
    NODE_ENV: 'production',
    JWT_SECRET: 'Pr0d!uct10n#Secr3t$For^E2e&Tests*Only',
    STRIPE_SECRET_KEY: 'sk_live_51ProdE2eKeyAbCdEfGhIjKlMn',
    STRIPE_WEBHOOK_SECRET: 'whsec_ProdE2eSigningSecretXyZ9876',
    PUBLIC_APP_URL: 'https://app.workbay.example',
  };
  const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';
  const TYPO = '{ user { items { id } } }'; // `users` misspelled: a development API suggests it
  const gql = (app: INestApplication, query: string) => request(app.getHttpServer()).post('/graphql').send({ query });

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'gqlprod' });
    // Through loadConfig like main.ts: a production config must carry strong secrets of its own.
    production = await createApi(configFor(platform.config.DATABASE_URL, PRODUCTION));
    await production.init();
  });
  afterAll(async () => {
    await production.close();
    await platform.close();
  });

  it('answers introspection outside production (what the refusal below is compared with)', async () => {
    const res = await gql(platform.app, INTROSPECTION).expect(200);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
    const typo = await gql(platform.app, TYPO).expect(400);
    expect(JSON.stringify(typo.body)).toMatch(/Did you mean/);
  });

  it('refuses an introspection query with 400 in production', async () => {
    for (const query of [INTROSPECTION, '{ __type(name: "Query") { fields { name } } }']) {
      const res = await gql(production, query).expect(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].message).toMatch(/introspection/i);
      expect(JSON.stringify(res.body)).not.toMatch(/"(types|fields)":/);
    }
  });

  it('leaks no "did you mean" suggestions of field names in production', async () => {
    const res = await gql(production, TYPO).expect(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|"users"/);
  });
});
