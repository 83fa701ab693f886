import fc from 'fast-check';
import { digestsInThread, DigestWorkers } from './digest-workers';
import { contentDigest } from './hash-chain';

type Row = [string, string, number, string, number, unknown, unknown, string];

const json = fc.jsonValue();
const row: fc.Arbitrary<Row> = fc.tuple(
  fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 10_000 }), fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 9 }),
  json, fc.record({ actor: fc.string(), correlationId: fc.option(fc.uuid(), { nil: undefined }) }),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
);

const expected = (rows: Row[]) =>
  Buffer.concat(rows.map((e) => contentDigest({ eventId: e[0], streamId: e[1], streamVersion: e[2], type: e[3], schemaVersion: e[4], data: e[5], metadata: e[6], recordedAt: e[7] })));

describe('content digests off the main thread', () => {
  let workers: DigestWorkers;
  beforeAll(() => {
    workers = new DigestWorkers(2);
  });
  afterAll(() => workers.close());

  it('gives, in a worker thread and on this one, the digest contentDigest gives for any payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        // What the store hands over: the rows as one JSON text (payloads parsed from it, as from storage).
        const text = JSON.stringify(rows);
        const parsed = JSON.parse(text) as Row[];
        expect(digestsInThread(text).equals(expected(parsed))).toBe(true);
        expect((await workers.digests(text)).equals(expected(parsed))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps answers apart when several texts are in flight on both workers', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => JSON.stringify([[`id-${i}`, `s-${i}`, i + 1, 'T', 1, { i }, { actor: 'a' }, '2026-01-01T00:00:00.000Z']]));
    const answers = await Promise.all(texts.map((t) => workers.digests(t)));
    answers.forEach((a, i) => expect(a.equals(digestsInThread(texts[i]))).toBe(true));
    expect(new Set(answers.map((a) => a.toString('hex'))).size).toBe(8);
  });

  it('rejects a text that is not JSON instead of hanging, and refuses work once closed', async () => {
    const spare = new DigestWorkers(1);
    await expect(spare.digests('[not json')).rejects.toThrow(/digest worker/);
    await spare.close();
    await expect(spare.digests('[]')).rejects.toThrow(/closed/);
  });
});
