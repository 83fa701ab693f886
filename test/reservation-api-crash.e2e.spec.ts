import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventStore } from '@workbay/eventstore';
import { TestDatabase } from '@workbay/eventstore/testing';
import { AppConfig, SYSTEM_EVENT_STORE } from '@workbay/platform';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../apps/cli/src/migrations';
import { createWorker, Worker } from '../apps/worker/src/create-worker';
import { defineService, peaksFromEvents, peaksFromReadModel, registerResource } from '../libs/scheduling/src/testing/scheduling-fixtures';
import { Answer, exited, freePort, post, requireCompiledApi, startApi, untilListening } from './support/api-child';
import { configFor, dropQueues } from './support/platform-harness';
import { until } from './support/waiting';

/**
 * Issue #14, "SIGKILL of the API mid-work": the real API (dist, a child process) takes a storm of
 * keyed bookings at overlapping slots of a one-seat bay and a three-seat room, and is SIGKILLed
 * once some have answered. A client then re-sends every request, same key and body, to a second
 * API process until each has a final answer. What a client was told stands, each key is at most
 * one reservation, and SQL over the event store and over the read model finds no instant above
 * capacity.
 */
const KILL_AFTER_ANSWERS = 10;
/** The kill falls here at the latest, whether or not the watcher caught a written booking not yet answered. */
const KILL_LATEST_AFTER_ANSWERS = 40;
const KILL_ANY_UNTOLD_AFTER_ANSWERS = 25;
// Both processes: the first leaves leases behind, the second takes them over after this.
const LEASE_MS = 1000;
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const dayAt = (day: number, minutes: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + day * DAY_MS + minutes * MINUTE).toISOString();

/** One keyed request a client makes; a confirm's path names the hold its flow got. */
interface Sent { key: string; path: string; body: unknown }
/** A client's flow: a ReserveSlot, or a HoldSlot then (if held) its ConfirmHold, each under a key of its own. */
interface Flow { kind: 'reserve' | 'hold+confirm'; resource: 'bay' | 'room'; key: string; body: unknown }

describe('bookings across a SIGKILL of the API', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let owner: Client;
  let worker: Worker | undefined;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    requireCompiledApi();
    db = await createMigratedTestDatabase('book_crash', ALL_MIGRATIONS);
    config = configFor(db.url);
    owner = new Client({ connectionString: config.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await worker?.close();
    await owner?.end();
    if (config) await dropQueues(config);
    await db?.drop();
  });

  it('keeps every answer given before the kill, books each key at most once, and never exceeds a capacity of 1 or 3', async () => {
    const base = `http://127.0.0.1:${await freePort()}`;
    const takeoverBase = `http://127.0.0.1:${await freePort()}`;
    const first = startApi(config, Number(new URL(base).port), LEASE_MS);
    // The process that serves the retries boots meanwhile (a second instance behind the same
    // load balancer); it sees none of the first round, only the database.
    const second = startApi(config, Number(new URL(takeoverBase).port), LEASE_MS);
    running.push(first.process, second.process);
    // The worker (projections, the hold timer) runs here throughout: the read model is checked too.
    worker = await createWorker(config, { idleDelayMs: 20 });
    worker.start();
    await Promise.all([untilListening(base, first), untilListening(takeoverBase, second)]);

    const signup = await post(base, '/auth/signup', {
      companyName: 'Crash Bookings', country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner',
      email: `bookcrash.${Date.now()}@example.com`, password: 'correct horse battery',
    }, {});
    expect(signup.status).toBe(201);
    const { accessToken, tenantId } = signup.body as unknown as { accessToken: string; tenantId: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    const customer = await post(base, '/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }, auth);
    expect(customer.status).toBe(201);
    const party = { customerId: customer.body!.id };
    // The catalog as its own streams' events (the booking boundary reads those streams, nothing else).
    const store = worker.app.get<EventStore>(SYSTEM_EVENT_STORE);
    const locationId = randomUUID();
    const bay = await registerResource(store, tenantId, { locationId, kind: 'bay' });
    const room = await registerResource(store, tenantId, { locationId, kind: 'room', capacity: 3 });
    const bayService = await defineService(store, tenantId, { locationId, needs: [{ kind: 'bay', count: 1 }] });
    const classService = await defineService(store, tenantId, { locationId, needs: [{ kind: 'room', count: 1 }] });

    // One-hour appointments every 30 minutes on day 3: each start overlaps its neighbours (the bay's
    // ten starts take five winners, spread over the round; the room's three fill its seats at once).
    const flows: Flow[] = Array.from({ length: 80 }, (_, i) => {
      const resource = i % 2 === 0 ? 'bay' : 'room';
      const start = resource === 'bay' ? dayAt(3, 8 * 60 + 30 * ((i / 2) % 10)) : dayAt(3, 8 * 60 + 30 * (i % 3));
      const body = { serviceId: resource === 'bay' ? bayService : classService, resources: [resource === 'bay' ? bay : room], start, party };
      return { kind: i % 5 === 4 ? 'hold+confirm' : 'reserve', resource, key: `book-${i}`, body };
    });
    const firstStep = (f: Flow): Sent => ({ key: f.key, path: f.kind === 'reserve' ? '/scheduling/reservations' : '/scheduling/holds', body: f.body });
    const confirmStep = (f: Flow, holdId: string): Sent => ({ key: `${f.key}-confirm`, path: `/scheduling/reservations/${holdId}/confirm`, body: {} });

    // Round one: everything at once at the first API. It dies by SIGKILL once a few have answered
    // and, if the watcher below sees one in time, right after a booking was written whose answer
    // had not come back (the crash between the append and the reply).
    const answeredFirst = new Map<string, Answer>();
    let inFlightAtKill = -1;
    let inFlight = 0;
    const kill = () => {
      if (inFlightAtKill >= 0) return;
      inFlightAtKill = inFlight;
      first.process.kill('SIGKILL');
    };
    const send = async (sent: Sent): Promise<Answer | null> => {
      if (inFlightAtKill >= 0) return null;
      inFlight++;
      try {
        const answer = await post(base, sent.path, sent.body, { ...auth, 'Idempotency-Key': sent.key });
        if (inFlightAtKill >= 0) return null; // answered as the process died: not counted as told
        answeredFirst.set(sent.key, answer);
        if (answeredFirst.size >= KILL_LATEST_AFTER_ANSWERS) kill();
        return answer;
      } catch {
        return null;
      } finally {
        inFlight--;
      }
    };
    const written = async () => (await owner.query<{ key: string }>(
      `select distinct metadata->>'commandId' as key from eventstore.events where tenant_id = $1 and stream_id like '%.reservation-%'`, [tenantId])).rows.map((r) => r.key);
    let untoldAtKill: string[] = [];
    const bayKeys = new Set(flows.filter((f) => f.resource === 'bay').map((f) => f.key));
    const watcher = (async () => {
      while (inFlightAtKill < 0) {
        if (answeredFirst.size >= KILL_AFTER_ANSWERS) {
          const untold = (await written()).filter((k) => !answeredFirst.has(k));
          // Best: a bay booking (a repeat finds it as its own conflict, the replay path at the
          // boundary); any written booking will do once the round is well under way.
          const wanted = answeredFirst.size >= KILL_ANY_UNTOLD_AFTER_ANSWERS ? untold : untold.filter((k) => bayKeys.has(k));
          if (wanted.length && inFlightAtKill < 0) {
            kill();
            untoldAtKill = untold;
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(flows.map(async (f) => {
      const answer = await send(firstStep(f));
      if (f.kind === 'hold+confirm' && answer?.status === 201) await send(confirmStep(f, answer.body!.id!));
    }));
    kill(); // every request answered before either trigger: the kill fell after the work, and the checks below say so
    await watcher;
    await exited(first.process);
    expect(first.process.signalCode).toBe('SIGKILL');
    // The kill fell mid-work: answers had come back and others were still being worked on.
    const stuck = Number((await owner.query(`select count(*)::int as n from platform.idempotency_keys where tenant_id = $1 and status = 'processing'`, [tenantId])).rows[0].n);
    const told2xx = [...answeredFirst.values()].filter((a) => a.status === 201 || a.status === 200).length;
    expect({ answeredBeforeKill: answeredFirst.size >= KILL_AFTER_ANSWERS, bookedBeforeKill: told2xx > 0, unansweredAtKill: inFlightAtKill > 0, keysLeftProcessing: stuck > 0 })
      .toEqual({ answeredBeforeKill: true, bookedBeforeKill: true, unansweredAtKill: true, keysLeftProcessing: true });

    // Round two: a client re-sends every request (same key, same body) to the second API until it
    // has a final answer, backing off on 409 in progress, 503 and connection errors.
    const retry = async (sent: Sent): Promise<Answer> => {
      for (let attempt = 1; ; attempt++) {
        const answer = await post(takeoverBase, sent.path, sent.body, { ...auth, 'Idempotency-Key': sent.key }).catch(() => null);
        const again = answer === null || answer.status === 503 || (answer.status === 409 && answer.body?.code === 'IDEMPOTENCY_IN_PROGRESS');
        if (!again) return answer!;
        if (attempt >= 30) throw new Error(`${sent.key}: no final answer after ${attempt} tries (last ${answer?.status})`);
        await new Promise((r) => setTimeout(r, Math.min(Math.max(answer?.retryAfter ?? 0, 0.2), 2) * 1000));
      }
    };
    const final = new Map<string, Answer>();
    const holdIdOf = new Map<string, string>();
    await Promise.all(flows.map(async (f) => {
      const step = firstStep(f);
      const answer = await retry(step);
      final.set(step.key, answer);
      if (f.kind === 'hold+confirm' && answer.status === 201) {
        holdIdOf.set(f.key, answer.body!.id!);
        const confirm = confirmStep(f, answer.body!.id!);
        final.set(confirm.key, await retry(confirm));
      }
    }));

    // Nothing a client was told is lost or changed (the same reservation id, the same body).
    for (const [key, told] of answeredFirst) {
      if (told.status !== 201 && told.status !== 200) continue;
      expect({ key, status: final.get(key)?.status, body: final.get(key)?.body }).toEqual({ key, status: told.status, body: told.body });
    }
    // Every final answer is a booking or a clear refusal; never a 5xx.
    const wins = new Map<string, string>(); // key -> reservation id, for ReserveSlot and HoldSlot
    for (const f of flows) {
      const answer = final.get(f.key)!;
      expect({ key: f.key, status: answer.status, code: answer.body?.code }).toEqual(
        answer.status === 201 ? { key: f.key, status: 201, code: undefined } : { key: f.key, status: 409, code: 'SLOT_TAKEN' });
      if (answer.status === 201) {
        // A new reservation's first write, whichever process answered it (also for a repeat that found it written).
        expect({ key: f.key, body: answer.body }).toEqual({ key: f.key, body: { id: expect.any(String), streamVersion: 1, position: expect.any(Number) } });
        wins.set(f.key, answer.body!.id!);
      }
      if (holdIdOf.has(f.key)) expect({ key: f.key, status: final.get(`${f.key}-confirm`)?.status }).toEqual({ key: f.key, status: 200 });
    }
    expect(new Set(wins.values()).size).toBe(wins.size);
    // A booking written before the kill but never answered is answered after it (201, not 409 by its own time).
    for (const key of untoldAtKill) expect({ key, status: final.get(key)?.status }).toEqual({ key, status: key.endsWith('-confirm') ? 200 : 201 });

    // The event store: each key at most one reservation, every reservation under a key that was
    // answered 201 with its id (decoded in SQL, not by the code under test).
    const { rows: placed } = await owner.query<{ key: string | null; reservations: string[] }>(
      `select metadata->>'commandId' as key, array_agg(distinct substring(stream_id from '\\.reservation-(.*)$')) as reservations
         from eventstore.events where tenant_id = $1 and type in ('SlotReserved', 'SlotHeld') group by 1`, [tenantId]);
    expect(Object.fromEntries(placed.map((r) => [r.key, r.reservations]))).toEqual(Object.fromEntries([...wins].map(([k, id]) => [k, [id]])));
    const { rows: confirmed } = await owner.query<{ id: string; n: number }>(
      `select substring(stream_id from '\\.reservation-(.*)$') as id, count(*)::int as n from eventstore.events
        where tenant_id = $1 and type = 'HoldConfirmed' group by 1`, [tenantId]);
    expect(Object.fromEntries(confirmed.map((r) => [r.id, r.n]))).toEqual(Object.fromEntries([...holdIdOf.values()].map((id) => [id, 1])));

    // No instant above capacity, in the events and in scheduling.occupancies once the worker has passed the last event.
    const fromEvents = await peaksFromEvents(config.DATABASE_URL, tenantId);
    expect(fromEvents[bay]?.peak).toBe(1);
    expect(fromEvents[room]?.peak).toBeLessThanOrEqual(3);
    expect(fromEvents[room]?.peak).toBeGreaterThan(0);
    // The live reservations are exactly the keys answered 201.
    expect((fromEvents[bay]?.reservations ?? 0) + (fromEvents[room]?.reservations ?? 0)).toBe(wins.size);
    const last = Number((await owner.query(`select max(global_position) as p from eventstore.events where tenant_id = $1`, [tenantId])).rows[0].p);
    // As the read-your-writes waiter asks (the checkpoint is the reader's xid8 horizon and position).
    await until(async () => (await owner.query(
      `select eventstore.is_checkpoint_past(nullif(split_part(checkpoint, ':', 1), '')::xid8, nullif(split_part(checkpoint, ':', 2), '')::bigint, $1::bigint) as past
         from platform.projection_checkpoints where name = 'scheduling.occupancies'`, [last])).rows[0]?.past === true,
    'the occupancy projection to pass the last event', 30_000);
    expect(await peaksFromReadModel(config.DATABASE_URL, tenantId)).toEqual(fromEvents);
    expect((await owner.query(`select count(*)::int as n from platform.idempotency_keys where tenant_id = $1 and status <> 'completed'`, [tenantId])).rows[0].n).toBe(0);
  }, 150_000);
});
