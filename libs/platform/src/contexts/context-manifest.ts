import type { DynamicModule, Type } from '@nestjs/common';
import type { AuditableRecord } from '../audit/auditable-records';
import type { ContextGrants } from '../authorization/grants';
import type { StatefulProcessManager } from '../processes/stateful-process-manager';
import type { Projection } from '../projections/projection';

type NestModule = Type | DynamicModule;

/** Something the worker starts with its other consumers and stops before it closes (a BullMQ consumer, a sweep). */
export interface BackgroundWork {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Everything the apps need to carry a bounded context: each context exports exactly one (SHOP,
 * IDENTITY, ...) from its index, and the apps iterate one list of them (apps/contexts.ts), so a
 * new context is one line there instead of an edit per app, guard and migration list.
 */
export interface ContextManifest {
  /** Unique; names the context's grants and appears in errors. */
  name: string;
  /** The Nest module per process: the API's (controllers, resolvers) and the worker's (command handlers, ports); absent = not loaded there. */
  module: { api?: NestModule; worker?: NestModule };
  /** MikroORM read-model entities. */
  entities: readonly Function[];
  /** Read models the worker keeps up to date (and the CLI rebuilds). */
  projections: readonly Projection[];
  /** Process managers the worker runs (stateless ones through `statelessProcess`). */
  processes: readonly StatefulProcessManager<any>[];
  /** Its migrations, in order; they run after the kernel's and those of the contexts listed before it. */
  migrations: readonly Function[];
  /** What each role may do with the context's own subjects. */
  grants: ContextGrants;
  /** Record categories an auditor may rebuild as of an instant. */
  auditableRecords: readonly AuditableRecord[];
  /** Providers of its worker module the worker starts (`start()`) and stops on close; the CLI never starts them. */
  background?: readonly Type<BackgroundWork>[];
  /** Plan entitlements the context checks (metering, later); empty for now. */
  entitlements?: readonly string[];
}

/** The manifests' modules for one process, in list order. */
export function contextModules(contexts: readonly ContextManifest[], app: 'api' | 'worker'): NestModule[] {
  return contexts.flatMap((c) => (c.module[app] ? [c.module[app]] : []));
}

export const contextEntities = (contexts: readonly ContextManifest[]): Function[] => contexts.flatMap((c) => [...c.entities]);
export const contextProjections = (contexts: readonly ContextManifest[]): Projection[] => contexts.flatMap((c) => [...c.projections]);
export const contextProcesses = (contexts: readonly ContextManifest[]): StatefulProcessManager<any>[] => contexts.flatMap((c) => [...c.processes]);
export const contextBackground = (contexts: readonly ContextManifest[]): Type<BackgroundWork>[] => contexts.flatMap((c) => [...(c.background ?? [])]);
export const contextRecords = (contexts: readonly ContextManifest[]): AuditableRecord[] => contexts.flatMap((c) => [...c.auditableRecords]);

/** Refuses a list the apps could not run: two contexts of one name, two projections or records of one name. */
export function assertDistinct(contexts: readonly ContextManifest[]): void {
  const twice = (what: string, names: string[]) => {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new Error(`two ${what} named '${name}' in the context list`);
      seen.add(name);
    }
  };
  twice('contexts', contexts.map((c) => c.name));
  twice('projections', contextProjections(contexts).map((p) => p.name));
  twice('process managers', contextProcesses(contexts).map((p) => p.name));
  twice('auditable record categories', contextRecords(contexts).map((r) => r.category));
}
