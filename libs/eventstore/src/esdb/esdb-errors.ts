import { DomainError } from '../decider';

/**
 * The events of one append are larger than EventStoreDB takes in one write (its
 * `MaxAppendSize`, 1 MiB by default: the server refuses the whole write). Nothing was written.
 * A domain error (422): the same command would be refused again, so it is no retry case.
 */
export class AppendTooLarge extends DomainError {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(
    readonly streamId: string,
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super(`append to ${streamId} is ${sizeBytes} bytes, over EventStoreDB's limit of ${maxBytes} bytes per append; nothing was written`);
  }
}

/** The client is set up so a failed append answers "success: false" instead of throwing. */
export class UnsupportedEsdbOption extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedEsdbOption';
  }
}

/**
 * The stream carries retention or deletion metadata (`$tb`, `$maxCount`, `$maxAge`) or was
 * tombstoned: reads would skip events the hash chain and the aggregate need, so the adapter
 * refuses to read or append it rather than fold a history with holes.
 */
export class StreamRetentionUnsupported extends Error {
  constructor(
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`stream ${streamId}: ${reason}; the Workbay event store never removes events, so it refuses this stream`);
    this.name = 'StreamRetentionUnsupported';
  }
}

/** The server answered a stream read without log positions (EventStoreDB before 22.6). */
export class EsdbPositionMissing extends Error {
  constructor(streamId: string) {
    super(`EventStoreDB returned an event of ${streamId} without its log position; the adapter needs a server >= 22.6`);
    this.name = 'EsdbPositionMissing';
  }
}
