import { Client, Pool } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/**
 * What the worker sends PostgreSQL for one command, the other half of a command's cost
 * (test/request-round-trips.e2e.spec.ts pins the API's half). RegisterCustomer writes two events
 * (CustomerRegistered, then the usage-signals process's BillableUsageSignalled), each read by two
 * runners (projections, process managers): at most four passes that move checkpoints. Each pass
 * announces its moves in one checkpoint notice once its transactions committed; one notice per
 * committed transaction was 12 per RegisterCustomer, a quarter of the worker's round trips.
 */
describe('worker round trips per command', () => {
  let platform: Platform;
  let owner: ShopClient;
  let db: Pool;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let statements: string[] = [];

  const isNotice = (sql: string) => sql.includes(`pg_notify('workbay_projection_checkpoint'`);

  /**
   * Every projection and process manager has moved past the last event stored, and both runners
   * have announced it (a checkpoint row is visible at its commit, a little before its pass ends
   * and announces it). The spec's own statements are marked and not counted.
   */
  async function caughtUp(): Promise<void> {
    const deadline = Date.now() + 20_000;
    // A notice's payload has a `<name> <checkpoint>` line per move; the checkpoint ends in the position.
    const announced = (name: string, head: number) => statements.some((q) => isNotice(q) && new RegExp(`${name.replace('.', '\\.')} [0-9]+:${head}(?![0-9])`).test(q));
    for (;;) {
      const { rows } = await db.query(`/* spec */ select bool_and(c.position >= h.head) as done, max(h.head)::int as head
        from platform.projection_checkpoints c, (select max(global_position) as head from eventstore.events) h`);
      if (rows[0].done && announced('shop.customer-directory', rows[0].head) && announced('shop.usage-signals', rows[0].head)) break;
      if (Date.now() > deadline) throw new Error('the worker did not catch up and announce it');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  const register = (n: number) => owner.post('/customers', { firstName: 'Asha', lastName: `Rao ${n}`, phone: '+91 98450 12345' }).expect(201);

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'wtrips' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 1 });
    owner = await ShopClient.signup(platform);
    proto.query = function counted(this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      const sql = typeof first === 'string' ? first : first?.text ?? '?';
      if (!sql.startsWith('/* spec */')) statements.push(sql);
      return original.apply(this, args);
    };
    await register(0);
    await caughtUp();
  });
  afterAll(async () => {
    proto.query = original;
    await db?.end();
    await platform?.close();
  });

  it('announces the checkpoint moves of a RegisterCustomer in at most four notices, one per pass of a runner', async () => {
    const notices: number[] = [];
    for (let i = 1; i <= 3; i++) {
      statements = [];
      await register(i);
      await caughtUp();
      notices.push(statements.filter(isNotice).length);
    }
    expect(Math.min(...notices)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...notices)).toBeLessThanOrEqual(4);
  });

  it('reads no stream for a RegisterCustomer: the customer and its usage signal are both first events, appended expecting an empty stream', async () => {
    statements = [];
    await register(9);
    await caughtUp();
    expect(statements.filter((q) => q.includes('eventstore.read_stream(')).length).toBe(0);
    expect(statements.filter((q) => q.includes('eventstore.append')).length).toBeGreaterThanOrEqual(2);
  });
});
