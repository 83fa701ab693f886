/**
 * A projection's batch transaction NOTIFYs this channel with the projection's name when it moves
 * the checkpoint (delivered on commit): read-your-writes waiters in the API wake on it instead of
 * polling the checkpoint table.
 */
export const CHECKPOINT_CHANNEL = 'workbay_projection_checkpoint';
