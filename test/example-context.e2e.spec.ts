import { Pool } from 'pg';
import { CONTEXTS } from '../apps/contexts';
import { EXAMPLE } from './fixtures/example-context/manifest';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { eventually } from './support/waiting';

/**
 * A context plugged in by its manifest alone: the standard list plus EXAMPLE, through the very
 * functions the apps call (contextMigrations, createApi, createWorker), and nothing else edited.
 */
describe('an example context added to the list of contexts', () => {
  let platform: Platform;
  let db: Pool;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'examplectx', contexts: [...CONTEXTS, EXAMPLE] });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('has its migration applied after the standard ones', async () => {
    const { rows } = await db.query<{ name: string }>(`select name from platform_migrations order by id`);
    expect(rows.at(-1)?.name).toBe('Migration0001ExampleNotes');
    expect((await db.query(`select to_regclass('example.notes') as t`)).rows[0].t).toBe('example.notes');
  });

  it('enforces its grant, runs its projection and its process manager', async () => {
    const owner = await ShopClient.signup(platform, 'Example Garage');
    const manager = await owner.invite(['manager']);
    const technician = await owner.invite(['technician']);
    const frontDesk = await owner.invite(['front_desk']);

    await technician.post('/example/notes', { text: 'no' }).expect(403);
    const { body } = await manager.post('/example/notes', { text: 'check the brakes' }).expect(201);
    const noteId: string = body.id;

    // The projection wrote the row, and the process manager's AcknowledgeNote reached it.
    const note = await eventually(async () => {
      const res = await technician.get(`/example/notes/${noteId}`);
      return res.status === 200 && res.body.acknowledged ? res.body : undefined;
    }, 'the note, acknowledged');
    expect(note).toEqual({ noteId, text: 'check the brakes', acknowledged: true });
    await frontDesk.get(`/example/notes/${noteId}`).expect(403);
  });
});
