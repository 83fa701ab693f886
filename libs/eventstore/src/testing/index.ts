export { describeEventStoreContract } from './event-store.contract';
export type { EventStoreFactory, EventStoreUnderTest } from './contract-support';
export { createRolesSql, createTestDatabase, databaseUrl, DEFAULT_TEST_ROLES, installEventStoreSchema } from './postgres-test-database';
export type { TestDatabase } from './postgres-test-database';
export * from './decider-spec';
export { createPgFixture } from './pg-fixture';
export type { PgFixture } from './pg-fixture';
