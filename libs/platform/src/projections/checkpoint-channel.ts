/**
 * The projection runner NOTIFYs this channel with `<name> <checkpoint>` lines once a pass that
 * moved those checkpoints has committed (CheckpointNotifier): read-your-writes waiters in the API
 * wake on it instead of polling the checkpoint table, and need not read the checkpoint back.
 * Every move of a pass goes in one notification (a few when they pass PostgreSQL's payload
 * limit): one per projection was some 30 per pass, each queued, read by every listening backend
 * and parsed by every API process.
 */
export const CHECKPOINT_CHANNEL = 'workbay_projection_checkpoint';

/** `<name> <checkpoint>`: names have no spaces; the checkpoint is the rest (empty for none). */
export function parseCheckpointNotice(payload: string): { projection: string; checkpoint: string | null } {
  const space = payload.indexOf(' ');
  if (space < 0) return { projection: payload, checkpoint: null };
  return { projection: payload.slice(0, space), checkpoint: payload.slice(space + 1) || null };
}

/** Each `<name> <checkpoint>` line of a notification (a payload of one line is the form of one move). */
export function parseCheckpointNotices(payload: string): Array<{ projection: string; checkpoint: string | null }> {
  return payload.split('\n').filter((line) => line.length > 0).map(parseCheckpointNotice);
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; whole lines up to this many per payload. */
export const MAX_NOTICE_PAYLOAD_BYTES = 7_000;

/** The lines as few payloads as fit, each of whole lines (a line longer than the limit alone). */
export function checkpointNoticePayloads(lines: readonly string[], maxBytes = MAX_NOTICE_PAYLOAD_BYTES): string[] {
  const payloads: string[] = [];
  let current = '';
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (current && bytes + size > maxBytes) {
      payloads.push(current);
      current = '';
      bytes = 0;
    }
    current = current ? `${current}\n${line}` : line;
    bytes += size;
  }
  if (current) payloads.push(current);
  return payloads;
}
