import { Worker } from 'node:worker_threads';
import { contentDigest, hashingSource } from './hash-chain';

/**
 * Content digests of many events, computed off the main thread. The input is one JSON text: an
 * array of `[eventId, streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt]`
 * (what the store reads, payloads as stored); the output is 32 bytes per event, in order. A
 * worker parses and hashes exactly what `digestsInThread` does, with the same `makeHashing`
 * source, so the choice of thread never changes a digest.
 */
export function digestsInThread(text: string): Buffer {
  return digestAll(text, contentDigest);
}

function digestAll(text: string, digest: typeof contentDigest): Buffer {
  const events = JSON.parse(text) as Array<[string, string, number, string, number, unknown, unknown, string]>;
  const out = Buffer.alloc(events.length * 32);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    digest({ eventId: e[0], streamId: e[1], streamVersion: e[2], type: e[3], schemaVersion: e[4], data: e[5], metadata: e[6], recordedAt: e[7] }).copy(out, i * 32);
  }
  return out;
}

const WORKER_SOURCE = () => `
const { parentPort } = require('node:worker_threads');
const { contentDigest } = (${hashingSource()})(require('node:crypto'));
const digestAll = ${digestAll.toString()};
parentPort.on('message', (msg) => {
  try {
    const out = digestAll(msg.text, contentDigest);
    const bytes = new Uint8Array(out.length);
    bytes.set(out);
    parentPort.postMessage({ id: msg.id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: msg.id, error: String((error && error.message) || error) });
  }
});`;

interface Waiting {
  resolve: (digests: Buffer) => void;
  reject: (error: Error) => void;
}

/** A few worker threads for one verification; `close` ends them. */
export class DigestWorkers {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private turn = 0;
  private failure?: Error;

  constructor(readonly size: number) {
    const source = WORKER_SOURCE();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(source, { eval: true });
      worker.on('message', (msg: { id: number; bytes?: Uint8Array; error?: string }) => {
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.bytes) w?.resolve(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength));
        else w?.reject(new Error(`digest worker: ${msg.error}`));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => code !== 0 && this.fail(new Error(`digest worker exited with code ${code}`)));
      this.workers.push(worker);
    }
  }

  /** The digests of one JSON text of events (see digestsInThread), on the next worker in turn. */
  digests(text: string): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.seq;
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, text });
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('digest workers closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }
}
