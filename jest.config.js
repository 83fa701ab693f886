// Three tiers, each runnable alone: `jest --selectProjects unit|int|e2e`.
const swc = ['@swc/jest', { jsc: {
  parser: { syntax: 'typescript', decorators: true },
  transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];
const moduleNameMapper = {
  // Every lib is libs/<name>/src with its entry index.ts, and a context's contract is contract.ts:
  // one pattern each, so a new context needs no line here (tsconfig.json's paths name it).
  '^@workbay/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@workbay/([a-z-]+)/contract$': '<rootDir>/libs/$1/src/contract',
  '^@workbay/eventstore/core$': '<rootDir>/libs/eventstore/src/core',
  '^@workbay/eventstore/testing$': '<rootDir>/libs/eventstore/src/testing',
  '^@workbay/platform/testing$': '<rootDir>/libs/platform/src/testing',
  '^@workbay/platform/fields$': '<rootDir>/libs/platform/src/fields/fields.rules',
};
const project = (name, match, extra = {}) => ({
  displayName: name, testEnvironment: 'node', rootDir: __dirname,
  testMatch: [`<rootDir>/{apps,libs,test,bench}/**/*.${match}.spec.ts`],
  transform: { '^.+\\.(t|j)s$': swc }, moduleNameMapper, ...extra,
});
module.exports = {
  maxWorkers: 2,
  // Each e2e file loads the whole app again; what a worker keeps of earlier files grows its heap
  // to gigabytes and slows every later file's GC. A worker past this is replaced between files.
  workerIdleMemoryLimit: '1024MB',
  // A run id for the migrated template databases the test files copy, and their clean-up.
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
  // testTimeout is a global option: Jest ignores it inside `projects`. Unit tests finish in ms anyway.
  testTimeout: 120000,
  projects: [
    project('unit', 'unit'),
    project('int', 'int'),
    project('e2e', 'e2e'),
  ],
};
