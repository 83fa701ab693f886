// Three tiers, each runnable alone: `jest --selectProjects unit|int|e2e`.
const swc = ['@swc/jest', { jsc: {
  parser: { syntax: 'typescript', decorators: true },
  transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];
const moduleNameMapper = {
  '^@workbay/eventstore$': '<rootDir>/libs/eventstore/src',
  '^@workbay/eventstore/core$': '<rootDir>/libs/eventstore/src/core',
  '^@workbay/platform$': '<rootDir>/libs/platform/src',
  '^@workbay/audit$': '<rootDir>/libs/audit/src',
  '^@workbay/billing$': '<rootDir>/libs/billing/src',
  '^@workbay/identity$': '<rootDir>/libs/identity/src',
  '^@workbay/payments$': '<rootDir>/libs/payments/src',
  '^@workbay/shop$': '<rootDir>/libs/shop/src',
  '^@workbay/(identity|payments|audit|billing|shop)/contract$': '<rootDir>/libs/$1/src/contract',
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
  // testTimeout is a global option: Jest ignores it inside `projects`. Unit tests finish in ms anyway.
  testTimeout: 120000,
  projects: [
    project('unit', 'unit'),
    project('int', 'int'),
    project('e2e', 'e2e'),
  ],
};
