/** Facts about a canned job of the shop's job catalog. Stream: `${tenantId}.canned-job-${cannedJobId}`; the actor is in the metadata. */

export const cannedJobStreamCategory = 'canned-job' as const;

/** One labor operation: `hours` at `laborRateMinor` per hour (minor units of the job's currency). */
export interface CannedJobLabor {
  /** Trimmed, non-empty. */
  description: string;
  /** Positive, at most 2 decimals (1.25 h). */
  hours: number;
  /** Integer >= 0, minor units per hour. */
  laborRateMinor: number;
  taxable: boolean;
  /** SAC code (6 digits, 99...; quotes/hsn-sac.rules.ts); absent: none. */
  sacCode?: string | null;
  /** The rate category its quote line takes (a haircut at an EU reduced rate); absent: standard. */
  taxCategory?: 'reduced';
}

export interface CannedJobPart {
  description: string;
  partNumber: string | null;
  /** Positive, at most 2 decimals (4 plugs, 4.5 litres). */
  quantity: number;
  /** Integer >= 0, minor units. */
  unitPriceMinor: number;
  taxable: boolean;
  /** HSN code (4, 6 or 8 digits); absent: none. */
  hsnCode?: string | null;
  /** As for labor: absent is standard. */
  taxCategory?: 'reduced';
}

/** What a canned job contains; a revision replaces all of it. Prices are in `currency` (the tenant's). */
export interface CannedJobContent {
  name: string;
  description: string;
  category: string | null;
  code: string | null;
  /** ISO 4217, upper case. */
  currency: string;
  labor: CannedJobLabor[];
  parts: CannedJobPart[];
}

export interface CannedJobDefined {
  type: 'CannedJobDefined';
  data: CannedJobContent & {
    cannedJobId: string;
    /** Always 1: the first revision of the contents. */
    revision: number;
    /** ISO-8601 UTC. */
    definedAt: string;
  };
}

/** Carries the whole contents after the revision, not a diff. */
export interface CannedJobRevised {
  type: 'CannedJobRevised';
  data: CannedJobContent & {
    cannedJobId: string;
    /** The previous revision + 1. */
    revision: number;
    revisedAt: string;
  };
}

export interface CannedJobRetired {
  type: 'CannedJobRetired';
  data: { cannedJobId: string; reason: string | null; retiredAt: string };
}

export type CannedJobEvent = CannedJobDefined | CannedJobRevised | CannedJobRetired;
