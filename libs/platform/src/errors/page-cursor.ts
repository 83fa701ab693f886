import { ValidationFailed } from './errors';

/** A keyset position (created-at instant, row id) as an opaque, URL-safe token. */
export interface PageCursor {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Only what encodePageCursor writes: Date.parse also takes years up to 275760, which Postgres'
// timestamptz (4713 BC .. 294276 AD) or a JS Date may refuse later as a 500.
const INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodePageCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

/**
 * The cursor of a previous page, or null on the first page. Anything else (tampered, truncated,
 * another API's token) is a 400 naming `field`, never a value the query would choke on.
 */
export function decodePageCursor(cursor: string | undefined | null, field = 'after'): PageCursor | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const { at, id } = parsed as Record<string, unknown>;
      if (typeof at === 'string' && typeof id === 'string' && INSTANT.test(at) && UUID.test(id)) {
        const instant = new Date(at);
        if (!Number.isNaN(instant.getTime()) && instant.toISOString() === at) return { at, id };
      }
    }
  } catch {
    // not base64url JSON: the same 400 as any other foreign token
  }
  throw new ValidationFailed([{ field, message: 'is not a cursor returned by this API' }]);
}
