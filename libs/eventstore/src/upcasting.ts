import { StoredEvent } from './event-store';

/**
 * Turns the payload of `type` at `fromSchemaVersion` into the shape of `fromSchemaVersion + 1`.
 * Applied on read by every adapter, chained until no upcaster matches; stored events are never
 * rewritten, so hashes keep verifying against what was written.
 */
export interface Upcaster<From = any, To = unknown> {
  type: string;
  fromSchemaVersion: number;
  upcast(data: From): To;
}

/** Options every adapter accepts. */
export interface EventStoreOptions {
  upcasters?: readonly Upcaster[];
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) {
      const key = UpcasterRegistry.key(u.type, u.fromSchemaVersion);
      if (this.byKey.has(key)) throw new Error(`two upcasters for ${u.type} v${u.fromSchemaVersion}`);
      this.byKey.set(key, u);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The event in its current shape; the same object when nothing applies. */
  apply<T = unknown>(event: StoredEvent): StoredEvent<T> {
    if (this.byKey.size === 0) return event as StoredEvent<T>;
    let { data, schemaVersion } = event;
    for (let u = this.byKey.get(UpcasterRegistry.key(event.type, schemaVersion)); u; ) {
      data = u.upcast(data);
      schemaVersion += 1;
      u = this.byKey.get(UpcasterRegistry.key(event.type, schemaVersion));
    }
    return schemaVersion === event.schemaVersion ? (event as StoredEvent<T>) : { ...event, data: data as T, schemaVersion };
  }

  private static key(type: string, version: number): string {
    return `${version}\u0000${type}`;
  }
}
