import { Injectable } from '@nestjs/common';
import type { Decider } from '@workbay/eventstore';

/** A kind of record an auditor may rebuild: the stream category and how its events fold into a state. */
export interface AuditableRecord {
  /** The stream category, e.g. 'invoice' (streams `<tenant>.invoice-<id>`). */
  category: string;
  /** How an error names it, e.g. 'invoice'. */
  what: string;
  decider: Pick<Decider<unknown, unknown, { type: string; data?: unknown }>, 'initialState' | 'evolve'>;
}

/**
 * The records auditors can see as they stood at any instant (`/audit/records/{category}/{id}?asOf=`),
 * from the contexts' manifests (`auditableRecords`). Only listed categories can be read: a category
 * is never turned into a stream name unchecked.
 */
@Injectable()
export class AuditableRecords {
  private readonly records = new Map<string, AuditableRecord>();

  constructor(records: readonly AuditableRecord[] = []) {
    this.register(...records);
  }

  register(...records: AuditableRecord[]): void {
    for (const record of records) this.records.set(record.category, record);
  }

  get(category: string): AuditableRecord | undefined {
    return this.records.get(category);
  }

  categories(): string[] {
    return [...this.records.keys()].sort();
  }
}
