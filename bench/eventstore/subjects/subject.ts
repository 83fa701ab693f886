/** One event as every subject receives it: the same payload, type and metadata. */
export interface BenchEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; correlationId: string };
}

/**
 * What the workloads drive. Each call is one round trip / one transaction in the subject's
 * natural API, so the numbers compare what an application would actually pay.
 */
export interface Subject {
  readonly name: 'ours' | 'peer' | 'ceiling';
  /** What exactly is measured, for the report. */
  readonly description: string;
  /** Appends `events` to a stream currently at `version` (0 = new stream). */
  append(tenantId: string, streamId: string, version: number, events: BenchEvent[]): Promise<void>;
  /** Called once after the replay data is seeded, before any replay is timed. */
  prepareReplay?(tenantId: string): Promise<void>;
  /** Reads the whole history of a tenant (whose streams are `streamIds`) in pages of `pageSize`; returns events read. */
  replay(tenantId: string, streamIds: string[], pageSize: number): Promise<number>;
  close(): Promise<void>;
}
