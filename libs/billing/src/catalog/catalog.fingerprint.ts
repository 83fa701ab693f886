import { createHash } from 'node:crypto';
import type { PlanVersion } from './catalog.types';

/** JSON with object keys sorted at every level: the same version always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The sha-256 (hex) of a version's canonical JSON: what `published-versions.json` pins. */
export function fingerprint(version: PlanVersion): string {
  return createHash('sha256').update(canonicalJson(version)).digest('hex');
}

/** The key of a version in `published-versions.json`, e.g. `growth@2`. */
export const versionKey = (version: Pick<PlanVersion, 'plan' | 'version'>): string => `${version.plan}@${version.version}`;
