import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/**
 * Tamper evidence. Each event has a content hash over a canonical form of what it says, and a
 * chain hash = sha256(previous chain hash || content hash), chained per stream so independent
 * aggregates never serialize on one another. The genesis "previous" hash is 32 zero bytes.
 *
 * The canonical form is JSON with object keys sorted, so any store that hands back the same
 * values (Postgres jsonb reorders keys) yields the same hash.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/**
 * The canonical form and the content digest, built by one self-contained function (it uses
 * nothing from outside but the crypto module it is handed), so a verification worker thread
 * evaluates this very source (`hashingSource`): one rule for the hash wherever it is computed.
 */
export function makeHashing(nodeCrypto: typeof crypto) {
  // One-shot hashing (Node >= 20.12) is about twice as fast per event as a Hash object.
  const sha256: (data: string) => Buffer =
    typeof nodeCrypto.hash === 'function'
      ? (data) => nodeCrypto.hash('sha256', data, 'buffer')
      : (data) => nodeCrypto.createHash('sha256').update(data).digest();

  /** Already what toISOString gives (every stored event's form): no Date round trip, per event. */
  const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  function canonicalJson(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    // Hot on every append: plain loop and string building instead of entries/filter/map/join.
    // The default sort orders by UTF-16 code units, as `<` does.
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let out = '{';
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
    return `${out}}`;
  }

  /**
   * `canonicalJson(value)` for a value JSON.parse could have returned (plain objects and arrays,
   * strings, finite numbers, booleans, null), which is then also what `canonicalJson` gives for
   * the parse of its `JSON.stringify`: so the text can be both stored and hashed, one pass instead
   * of three. Undefined for anything else (a Date, a toJSON, a class instance, NaN, a function):
   * the caller takes the stringify-and-parse road.
   */
  function plainCanonicalJson(value: unknown): string | undefined {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return JSON.stringify(value);
      case 'number':
        return Number.isFinite(value) ? JSON.stringify(value) : undefined;
      case 'object': {
        if (value === null) return 'null';
        const proto = Object.getPrototypeOf(value);
        if (Array.isArray(value)) {
          if (proto !== Array.prototype) return undefined;
          let out = '[';
          for (let i = 0; i < value.length; i++) {
            const item = plainCanonicalJson(value[i]);
            if (item === undefined) return undefined;
            out += i === 0 ? item : `,${item}`;
          }
          return `${out}]`;
        }
        if (proto !== Object.prototype && proto !== null) return undefined;
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        let out = '{';
        for (const key of keys) {
          const v = record[key];
          if (v === undefined) continue;
          const member = plainCanonicalJson(v);
          if (member === undefined) return undefined;
          if (out.length > 1) out += ',';
          out += `${JSON.stringify(key)}:${member}`;
        }
        return `${out}}`;
      }
      default:
        return undefined;
    }
  }

  /**
   * `contentHash` as bytes. `canonical` may carry `canonicalJson` of the data and of the metadata
   * already computed (a batch shares one metadata; a plain data's text is the one stored). Builds the canonical envelope directly (its keys in sorted order,
   * undefined members dropped): the same string `canonicalJson` gives for the envelope object.
   */
  function contentDigest(e: HashableEvent, canonical?: { data?: string; metadata?: string }): Buffer {
    // Member by member, in sorted key order, with no array per event: verification runs this 100k times a second.
    const recordedAt = ISO_MS_UTC.test(e.recordedAt) ? e.recordedAt : new Date(e.recordedAt).toISOString();
    let c = '{';
    if (canonical?.data !== undefined) c += `"data":${canonical.data}`;
    else if (e.data !== undefined) c += `"data":${canonicalJson(e.data)}`;
    if (e.eventId !== undefined) c += `${c.length > 1 ? ',' : ''}"eventId":${canonicalJson(e.eventId)}`;
    if (canonical?.metadata !== undefined) c += `${c.length > 1 ? ',' : ''}"metadata":${canonical.metadata}`;
    else if (e.metadata !== undefined) c += `${c.length > 1 ? ',' : ''}"metadata":${canonicalJson(e.metadata)}`;
    c += `${c.length > 1 ? ',' : ''}"recordedAt":${JSON.stringify(recordedAt)}`;
    if (e.schemaVersion !== undefined) c += `,"schemaVersion":${canonicalJson(e.schemaVersion)}`;
    if (e.streamId !== undefined) c += `,"streamId":${canonicalJson(e.streamId)}`;
    if (e.streamVersion !== undefined) c += `,"streamVersion":${canonicalJson(e.streamVersion)}`;
    if (e.type !== undefined) c += `,"type":${canonicalJson(e.type)}`;
    return sha256(`${c}}`);
  }

  return { canonicalJson, plainCanonicalJson, contentDigest };
}

const hashing = makeHashing(crypto);
export const canonicalJson: (value: unknown) => string = hashing.canonicalJson;
export const plainCanonicalJson: (value: unknown) => string | undefined = hashing.plainCanonicalJson;
export const contentDigest: (e: HashableEvent, canonical?: { data?: string; metadata?: string }) => Buffer = hashing.contentDigest;
/** The JavaScript source of `makeHashing` (as compiled), for a worker thread to evaluate. */
export const hashingSource = (): string => makeHashing.toString();

export function contentHash(e: HashableEvent): string {
  return contentDigest(e).toString('hex');
}

export function chainHash(previousChainHash: string, content: string): string {
  return chainDigest(Buffer.from(previousChainHash, 'hex'), Buffer.from(content, 'hex')).toString('hex');
}

/** 32 zero bytes: the "previous" chain hash of a stream's first event, as bytes. */
export const GENESIS_DIGEST = Buffer.alloc(32);
const chainInput = Buffer.alloc(64);

/** `chainHash` on bytes, one-shot: verification runs it per event, so no Hash object or hex. */
export function chainDigest(previous: Buffer, content: Buffer): Buffer {
  previous.copy(chainInput, 0, 0, 32);
  content.copy(chainInput, 32, 0, 32);
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', chainInput, 'buffer')
    : createHash('sha256').update(chainInput).digest();
}
