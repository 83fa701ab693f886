import { ContextManifest, PLATFORM_MIGRATIONS } from '@workbay/platform';
import { CONTEXTS } from '../../contexts';

/** The kernel's migrations, then each context's in list order: the order a migrated database has recorded. */
export function contextMigrations(contexts: readonly ContextManifest[] = CONTEXTS): Function[] {
  return [...PLATFORM_MIGRATIONS, ...contexts.flatMap((c) => c.migrations)];
}

/** Every context's migrations, in order. */
export const ALL_MIGRATIONS: Function[] = contextMigrations();
