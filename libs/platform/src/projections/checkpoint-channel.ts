/**
 * The projection runner NOTIFYs this channel with `<name> <checkpoint>` once a batch that moved
 * the checkpoint has committed (CheckpointNotifier): read-your-writes waiters in the API wake on it instead of
 * polling the checkpoint table, and need not read the checkpoint back.
 */
export const CHECKPOINT_CHANNEL = 'workbay_projection_checkpoint';

/** `<name> <checkpoint>`: names have no spaces; the checkpoint is the rest (empty for none). */
export function parseCheckpointNotice(payload: string): { projection: string; checkpoint: string | null } {
  const space = payload.indexOf(' ');
  if (space < 0) return { projection: payload, checkpoint: null };
  return { projection: payload.slice(0, space), checkpoint: payload.slice(space + 1) || null };
}
