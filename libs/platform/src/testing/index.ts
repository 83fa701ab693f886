export { startProjectionSpec } from './projection-spec';
export type { ProjectionSpec, ProjectionSpecOptions } from './projection-spec';
export { createMigratedTestDatabase, TEST_RUN_ENV } from './migrated-test-database';
