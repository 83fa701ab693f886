export { startProjectionSpec } from './projection-spec';
export type { ProjectionSpec, ProjectionSpecOptions } from './projection-spec';
