import { createHash, randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { CONTEXTS } from '../apps/contexts';
import { EXAMPLE } from './fixtures/example-context/manifest';
import { Platform, startPlatform } from './support/platform-harness';
import { fieldsOf } from './support/problems';
import { ShopClient } from './support/shop-client';
import { eventually } from './support/waiting';

const KEY_SHAPE = /^wbk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const madeUpSecret = () => randomBytes(32).toString('base64url');

interface CreatedKey { id: string; key: string }

/**
 * Tenant API keys for machine clients (issue #11): a key reaches only the operations that accept
 * its scope (the example context's notes stand in for usage ingestion), is refused everywhere
 * else, stops at once when revoked, and carries its tenant and no other.
 */
describe('tenant API keys', () => {
  let platform: Platform;
  let db: Pool;
  let owner: ShopClient;
  let admin: ShopClient;
  let technician: ShopClient;
  let manager: ShopClient;
  let otherShop: ShopClient;

  const withKey = (key: string) => ({
    get: (path: string) => platform.http().get(path).set('X-Api-Key', key),
    post: (path: string, body: object = {}) => platform.http().post(path).set('X-Api-Key', key).send(body),
    bearerPost: (path: string, body: object = {}) => platform.http().post(path).set('Authorization', `Bearer ${key}`).send(body),
    graphql: (query: string, variables: Record<string, unknown> = {}) => platform.http().post('/graphql').set('X-Api-Key', key).send({ query, variables }),
  });

  async function createKey(by: ShopClient, scopes: string[], name = 'meter gateway'): Promise<CreatedKey> {
    const res = await by.post('/api-keys', { name, scopes }).expect(201);
    return { id: res.body.id, key: res.body.key };
  }

  const tenantEvents = async (tenantId: string): Promise<{ type: string; data: Record<string, unknown>; metadata: { actor: string } }[]> =>
    (await db.query(`select type, data, metadata from eventstore.events where tenant_id = $1 order by global_position`, [tenantId])).rows;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'apikeys', contexts: [...CONTEXTS, EXAMPLE] });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 2 });
    owner = await ShopClient.signup(platform, 'Keyed Motors');
    [admin, technician, manager] = await Promise.all([owner.invite(['admin']), owner.invite(['technician']), owner.invite(['manager'])]);
    otherShop = await ShopClient.signup(platform, 'Other Garage');
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('lets an admin create a key, shown once in a recognisable shape; the row keeps only its SHA-256, the audit event no secret', async () => {
    const res = await admin.post('/api-keys', { name: '  meter   gateway, bay 3 ', scopes: ['usage:write', 'usage:write'] }).expect(201);
    const [, keyId, secret] = KEY_SHAPE.exec(res.body.key) ?? [];
    expect(keyId).toBe(res.body.id);
    expect(res.body).toMatchObject({ name: 'meter gateway, bay 3', scopes: ['usage:write'], createdBy: admin.userId, lastUsedAt: null, revokedAt: null, revokedBy: null });

    const { rows: [row] } = await db.query(`select *, row_to_json(k)::text as whole from platform.api_keys k where id = $1`, [keyId]);
    expect(row.tenant_id).toBe(owner.tenantId);
    expect(Buffer.compare(row.secret_hash, sha256(secret))).toBe(0);
    expect(row.whole).not.toContain(secret);

    const created = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'ApiKeyCreated');
    expect(created).toEqual([{ type: 'ApiKeyCreated', data: { keyId, name: 'meter gateway, bay 3', scopes: ['usage:write'], createdBy: admin.userId }, metadata: expect.objectContaining({ actor: admin.userId }) }]);
    expect(JSON.stringify(created)).not.toContain(secret);
  });

  it('answers a repeat under the same Idempotency-Key with the same key and no secret, and stores the secret nowhere for it', async () => {
    const headers = { 'Idempotency-Key': 'create-key-once' };
    const first = await owner.post('/api-keys', { name: 'retried', scopes: ['usage:read'] }, headers).expect(201);
    const again = await owner.post('/api-keys', { name: 'retried', scopes: ['usage:read'] }, headers).expect(201);
    expect(again.body).toEqual({ ...first.body, key: null });
    const secret = KEY_SHAPE.exec(first.body.key)![2];
    const { rows } = await db.query(`select response_body::text as body from platform.idempotency_keys where tenant_id = $1`, [owner.tenantId]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.body?.includes(secret))).toEqual([]);
    const graphql = await owner.graphql(`mutation { createApiKey(input: { name: "retried", scopes: ["usage:read"] }) { id key } }`, {}, { 'Idempotency-Key': 'gql-once' }).expect(200);
    const graphqlAgain = await owner.graphql(`mutation { createApiKey(input: { name: "retried", scopes: ["usage:read"] }) { id key } }`, {}, { 'Idempotency-Key': 'gql-once' }).expect(200);
    expect(graphql.body.data.createApiKey.key).toMatch(KEY_SHAPE);
    expect(graphqlAgain.body.data.createApiKey).toEqual({ id: graphql.body.data.createApiKey.id, key: null });
  });

  it('lets only owners and admins manage keys: a technician and a manager get 403 on REST and GraphQL', async () => {
    for (const user of [technician, manager]) {
      await user.post('/api-keys', { name: 'mine', scopes: ['usage:write'] }).expect(403);
      await user.get('/api-keys').expect(403);
      const gql = await user.graphql(`{ apiKeys { items { id } } }`).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const { id } = await createKey(owner, ['usage:write']);
    await technician.post(`/api-keys/${id}/revoke`, {}).expect(403);
  });

  it('lists keys without their secrets, on REST and GraphQL alike, paged', async () => {
    const made = await createKey(owner, ['usage:write', 'usage:read'], 'listed');
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    do {
      const page: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await owner.get(`/api-keys?first=2${after ? `&after=${after}` : ''}`).expect(200);
      seen.push(...page.body.items);
      after = page.body.nextCursor;
    } while (after && seen.length < 100);
    const listed = seen.find((k) => k.id === made.id);
    expect(listed).toMatchObject({ id: made.id, name: 'listed', scopes: ['usage:write', 'usage:read'], createdBy: owner.userId });
    expect(Object.keys(listed!).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'revokedAt', 'revokedBy', 'scopes']);
    expect(JSON.stringify(seen)).not.toContain(KEY_SHAPE.exec(made.key)![2]);
    expect(new Set(seen.map((k) => k.id)).size).toBe(seen.length);
    const gql = await owner.graphql(`{ apiKeys(first: 50) { items { id name scopes } nextCursor } }`).expect(200);
    expect(gql.body.data.apiKeys.items.map((k: { id: string }) => k.id).sort()).toEqual(seen.map((k) => k.id).sort());
  });

  it('refuses a bad name or scopes with 400 naming the field, on REST and GraphQL', async () => {
    const bad: [object, string][] = [
      [{ name: 'x', scopes: ['usage:delete'] }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: 'usage:write' }, 'scopes'],
      [{ name: 'x' }, 'scopes'],
      [{ name: '   ', scopes: ['usage:write'] }, 'name'],
      [{ scopes: ['usage:write'] }, 'name'],
    ];
    for (const [body, field] of bad) {
      const res = await owner.post('/api-keys', body);
      expect([res.status, fieldsOf(res.body)]).toEqual([400, expect.arrayContaining([field])]);
    }
    const gql = await owner.graphql(`mutation { createApiKey(input: { name: "x", scopes: ["admin"] }) { id } }`).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'scopes' })] });
  });

  it('lets a usage:write key write through an operation that accepts it, as X-Api-Key, as a bearer and on GraphQL, under its own actor', async () => {
    const { id, key } = await createKey(owner, ['usage:write']);
    const viaHeader = await withKey(key).post('/example/notes', { text: 'odometer 42000' }).expect(201);
    await withKey(key).bearerPost('/example/notes', { text: 'odometer 42010' }).expect(201);
    const gql = await withKey(key).graphql(`mutation { takeNote(text: "odometer 42020") { id position } }`).expect(200);
    expect(gql.body.errors).toBeUndefined();
    const notes = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'NoteTaken' && String(e.data.text).startsWith('odometer 420'));
    expect(notes.map((e) => e.metadata.actor)).toEqual([`apikey:${id}`, `apikey:${id}`, `apikey:${id}`]);
    // The note is the key's tenant's: its owner reads it, the other shop cannot.
    await eventually(async () => (await owner.get(`/example/notes/${viaHeader.body.id}`)).status === 200 || undefined, 'the note projected');
    await otherShop.get(`/example/notes/${viaHeader.body.id}`).expect(404);
  });

  it('refuses a usage:write key on every read and on every operation that accepts no key, with 403 problems that say why', async () => {
    const { key } = await createKey(owner, ['usage:write']);
    const note = await withKey(key).post('/example/notes', { text: 'to read back' }).expect(201);
    for (const path of ['/customers', '/api-keys', '/audit/events', '/users', '/auth/me', '/notifications', '/quotes']) {
      const res = await withKey(key).get(path);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'API_KEY_NOT_ACCEPTED']);
      expect(res.body.type).toBe('https://workbay.dev/problems/api-key-not-accepted');
    }
    const read = await withKey(key).get(`/example/notes/${note.body.id}`).expect(403);
    expect(read.body).toMatchObject({ code: 'API_KEY_SCOPE_MISSING', detail: expect.stringContaining('usage:read') });
    // Keys cannot manage keys, nor run any other command.
    expect((await withKey(key).post('/api-keys', { name: 'child', scopes: ['usage:write'] })).body.code).toBe('API_KEY_NOT_ACCEPTED');
    expect((await withKey(key).post('/customers', { firstName: 'A', lastName: 'B', phone: '+91 98450 12345' })).status).toBe(403);
    for (const query of [`{ users { items { id } } }`, `{ apiKeys { items { id } } }`, `{ auditEvents { items { type } } }`]) {
      const gql = await withKey(key).graphql(query).expect(200);
      expect([query, gql.body.data, gql.body.errors?.[0]?.extensions?.code]).toEqual([query, null, 'API_KEY_NOT_ACCEPTED']);
    }
    const mutation = await withKey(key).graphql(`mutation { createApiKey(input: { name: "child", scopes: ["usage:write"] }) { id key } }`).expect(200);
    expect(mutation.body.errors[0].extensions).toMatchObject({ code: 'API_KEY_NOT_ACCEPTED', status: 403 });
  });

  it('lets a usage:read key read what accepts usage:read but not write (403 naming usage:write)', async () => {
    const writer = await createKey(owner, ['usage:write']);
    const reader = await createKey(owner, ['usage:read']);
    const note = await withKey(writer.key).post('/example/notes', { text: 'read me' }).expect(201);
    const read = await eventually(async () => {
      const res = await withKey(reader.key).get(`/example/notes/${note.body.id}`);
      return res.status === 200 ? res.body : undefined;
    }, 'the note, read with a usage:read key');
    expect(read).toMatchObject({ noteId: note.body.id, text: 'read me' });
    const write = await withKey(reader.key).post('/example/notes', { text: 'no' }).expect(403);
    expect(write.body).toMatchObject({ code: 'API_KEY_SCOPE_MISSING', detail: expect.stringContaining('usage:write') });
  });

  it('refuses a revoked key with 401 on its very next request, REST and GraphQL; revoking again changes nothing', async () => {
    const { id, key } = await createKey(owner, ['usage:write']);
    await withKey(key).post('/example/notes', { text: 'before' }).expect(201);
    const revoked = await admin.post(`/api-keys/${id}/revoke`, {}).expect(200);
    expect(revoked.body).toMatchObject({ id, revokedAt: expect.any(String), revokedBy: admin.userId });
    const next = await withKey(key).post('/example/notes', { text: 'after' });
    expect([next.status, next.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    await withKey(key).bearerPost('/example/notes', { text: 'after' }).expect(401);
    const gql = await withKey(key).graphql(`mutation { takeNote(text: "after") { id } }`);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });

    const again = await owner.post(`/api-keys/${id}/revoke`, {}).expect(200);
    expect(again.body).toEqual(revoked.body);
    const viaGraphql = await owner.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt revokedBy } }`, { id }).expect(200);
    expect(viaGraphql.body.data.revokeApiKey).toEqual({ id, revokedAt: revoked.body.revokedAt, revokedBy: admin.userId });
    const revocations = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'ApiKeyRevoked' && e.data.keyId === id);
    expect(revocations).toEqual([expect.objectContaining({ data: { keyId: id, name: 'meter gateway', revokedBy: admin.userId }, metadata: expect.objectContaining({ actor: admin.userId }) })]);
  });

  it('revokes a key once when owners and admins revoke it at the same moment: one event, one revocation time', async () => {
    const { id, key } = await createKey(owner, ['usage:write']);
    const answers = await Promise.all([owner, admin, owner, admin, owner, admin].map((by) => by.post(`/api-keys/${id}/revoke`, {})));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.revokedAt)).size).toBe(1);
    expect((await tenantEvents(owner.tenantId)).filter((e) => e.type === 'ApiKeyRevoked' && e.data.keyId === id)).toHaveLength(1);
    await withKey(key).post('/example/notes', { text: 'after' }).expect(401);
  });

  it('refuses forged, malformed and other tenants\' keys with 401, wherever they are sent', async () => {
    const { id, key } = await createKey(owner, ['usage:write', 'usage:read']);
    const theirs = await createKey(otherShop, ['usage:write']);
    const [, , secret] = KEY_SHAPE.exec(key)!;
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    const forged = [
      `wbk_${id}_${madeUpSecret()}`, // right id, wrong secret
      `wbk_${id}_${flipped}`, // one character off
      `wbk_${theirs.id}_${madeUpSecret()}`, // another tenant's key id, a made-up secret
      `wbk_${theirs.id}_${secret}`, // another tenant's id with our secret
      `wbk_00000000-0000-4000-8000-000000000000_${madeUpSecret()}`, // no such key
      'wbk_', `wbk_${id}`, `wbk_${id}_`, `${key}x`, key.slice(0, -1), key.toUpperCase().replace('WBK_', 'wbk_'), `wbk_${id}_${secret}=`, 'not-a-key',
    ];
    for (const candidate of forged) {
      const rest = await withKey(candidate).post('/example/notes', { text: 'forged' });
      expect([candidate, rest.status, rest.headers['content-type']]).toEqual([candidate, 401, expect.stringContaining('application/problem+json')]);
      if (candidate.startsWith('wbk_')) await platform.http().get('/customers').set('Authorization', `Bearer ${candidate}`).expect(401);
    }
    const gql = await withKey(`wbk_${id}_${madeUpSecret()}`).graphql(`mutation { takeNote(text: "forged") { id } }`);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    // Two credentials at once are refused rather than one of them picked.
    await platform.http().post('/example/notes').set('X-Api-Key', key).set('Authorization', `Bearer ${manager.token}`).send({ text: 'both' }).expect(401);
    // The real key still works: only the forgeries were refused.
    await withKey(key).post('/example/notes', { text: 'genuine' }).expect(201);
  });

  it("keeps a key to its tenant: it never reads, nor revokes, another shop's records", async () => {
    const ours = await createKey(owner, ['usage:read', 'usage:write']);
    const theirs = await createKey(otherShop, ['usage:write']);
    const theirNote = await withKey(theirs.key).post('/example/notes', { text: 'their secret note' }).expect(201);
    await eventually(async () => (await otherShop.get(`/example/notes/${theirNote.body.id}`)).status === 200 || undefined, 'their note projected');
    await withKey(ours.key).get(`/example/notes/${theirNote.body.id}`).expect(404);
    await owner.post(`/api-keys/${theirs.id}/revoke`, {}).expect(404);
    await owner.post('/api-keys/not-a-uuid/revoke', {}).expect(404);
    const gql = await owner.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: theirs.id }).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const listed = (await otherShop.get('/api-keys?first=200').expect(200)).body.items.map((k: { id: string }) => k.id);
    expect(listed).toContain(theirs.id);
    expect(listed).not.toContain(ours.id);
    // Their key still works: our attempt to revoke it changed nothing.
    await withKey(theirs.key).post('/example/notes', { text: 'still works' }).expect(201);
  });

  it("keeps a key working when its creator is deactivated: it is the shop's, not theirs, until revoked", async () => {
    const leaving = await owner.invite(['admin']);
    const { id, key } = await createKey(leaving, ['usage:write']);
    await owner.post(`/users/${leaving.userId}/deactivate`, {}).expect(200);
    await leaving.get('/api-keys').expect(401);
    await withKey(key).post('/example/notes', { text: 'still metering' }).expect(201);
    await owner.post(`/api-keys/${id}/revoke`, {}).expect(200);
    await withKey(key).post('/example/notes', { text: 'now stopped' }).expect(401);
  });

  it('records when a key was last used without writing its row on every request', async () => {
    const { id, key } = await createKey(owner, ['usage:write']);
    await withKey(key).post('/example/notes', { text: 'first use' }).expect(201);
    const firstUse = await eventually(async () => {
      const { rows: [row] } = await db.query(`select last_used_at from platform.api_keys where id = $1`, [id]);
      return row.last_used_at ?? undefined;
    }, 'last_used_at set');
    for (let i = 0; i < 3; i++) await withKey(key).post('/example/notes', { text: `use ${i}` }).expect(201);
    const { rows: [row] } = await db.query(`select last_used_at from platform.api_keys where id = $1`, [id]);
    expect(row.last_used_at).toEqual(firstUse);
    const listed = (await owner.get('/api-keys?first=200').expect(200)).body.items.find((k: { id: string }) => k.id === id);
    expect(listed.lastUsedAt).toBe(new Date(firstUse).toISOString());
  });

  it("holds a key to its shop's e-mail verification like a user's token: past the grace its commands are 403, reads of what it may read are not", async () => {
    const unverified = await ShopClient.signup(platform, 'Unverified Meters');
    const { key } = await createKey(unverified, ['usage:write', 'usage:read']);
    const note = await withKey(key).post('/example/notes', { text: 'within the grace' }).expect(201);
    await db.query(`update platform.tenants set email_verification_due = now() - interval '1 minute' where id = $1`, [unverified.tenantId]);
    const blocked = await withKey(key).post('/example/notes', { text: 'past the grace' }).expect(403);
    expect(blocked.body.code).toBe('EMAIL_VERIFICATION_REQUIRED');
    await eventually(async () => (await withKey(key).get(`/example/notes/${note.body.id}`)).status === 200 || undefined, 'the note, read past the grace');
  });

  it('refuses keys to a plan without api_keys: a Starter shop gets 403 FEATURE_NOT_IN_PLAN naming it on REST and GraphQL, creating nothing; OpenAPI says so', async () => {
    const signup = await platform.http().post('/auth/signup').send({
      companyName: 'Starter Motors', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner',
      email: `starter.${madeUpSecret().slice(0, 8).toLowerCase()}@example.com`, password: 'correct horse battery',
    }).expect(201);
    const starter = new ShopClient(platform, signup.body.accessToken, signup.body.tenantId, signup.body.userId);
    const rest = await starter.post('/api-keys', { name: 'meter gateway', scopes: ['usage:write'] }).expect(403);
    expect(rest.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'api_keys', plan: 'starter' });
    expect(fieldsOf(rest.body)).toEqual(['feature']);
    const gql = await starter.graphql('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { id key } }', {
      input: { name: 'meter gateway', scopes: ['usage:write'] },
    }).expect(200);
    expect(gql.body.data).toBeNull();
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', status: 403, feature: 'api_keys' });
    // Listing stays open: a shop that downgraded still sees (and may revoke) the keys it made.
    expect((await starter.get('/api-keys').expect(200)).body.items).toEqual([]);
    const { rows } = await db.query(`select count(*)::int as n from platform.api_keys where tenant_id = $1`, [starter.tenantId]);
    expect(rows[0].n).toBe(0);
    const document = (await platform.http().get('/docs-json').expect(200)).body;
    expect(document.paths['/api-keys'].post.responses['403'].description).toContain('`FEATURE_NOT_IN_PLAN` (with `feature`): the shop\'s plan does not include `api_keys`');
    expect(document.paths['/api-keys'].get.responses['403'].description).not.toContain('FEATURE_NOT_IN_PLAN');
  });

  it('documents the apiKey security scheme on exactly the operations that accept a key, with their scope', async () => {
    const document = (await platform.http().get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
    expect(document.paths['/example/notes'].post).toMatchObject({ security: [{ bearer: [] }, { apiKey: [] }], 'x-api-key-scope': 'usage:write' });
    expect(document.paths['/example/notes/{id}'].get).toMatchObject({ security: [{ bearer: [] }, { apiKey: [] }], 'x-api-key-scope': 'usage:read' });
    const accepting = Object.entries(document.paths as Record<string, Record<string, { security?: object[] }>>)
      .flatMap(([path, item]) => Object.entries(item).filter(([, op]) => JSON.stringify(op.security ?? []).includes('apiKey')).map(([method]) => `${method.toUpperCase()} ${path}`));
    expect(accepting.sort()).toEqual(['GET /example/notes/{id}', 'GET /usage/daily', 'GET /usage/export.csv', 'GET /usage/summary', 'POST /example/notes', 'POST /usage/events', 'POST /usage/events/batch']);
    expect(document.paths['/api-keys'].post.security).toEqual([{ bearer: [] }]);
  });

  it("checks a key in one round trip and never runs the users' per-request re-check for it", async () => {
    const { id, key } = await createKey(owner, ['usage:write']);
    await withKey(key).post('/example/notes', { text: 'warm up' }).expect(201);
    // Its last_used_at write is not awaited by the request: wait for it, so it cannot land in the count below.
    await eventually(async () => (await db.query(`select last_used_at from platform.api_keys where id = $1`, [id])).rows[0].last_used_at ?? undefined, 'last_used_at set');
    const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    const statements: string[] = [];
    proto.query = function counted(this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === 'string' ? first : first?.text ?? '?');
      return original.apply(this, args);
    };
    try {
      await withKey(key).get('/customers').expect(403);
    } finally {
      proto.query = original;
    }
    // The worker shares this process, but it never reads these two tables.
    expect(statements.filter((s) => /platform\.api_keys/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /platform\.users/.test(s))).toEqual([]);
  });
});
