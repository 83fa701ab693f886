// One id per test run: the migrated template databases of this run are named by it (see
// libs/platform/src/testing/migrated-test-database.ts); Jest's workers inherit the variable.
const { randomBytes } = require('node:crypto');

module.exports = async () => {
  // Cheap password hashes for processes the tests start from the environment (see platform-harness configFor).
  process.env.PASSWORD_HASH_MEMORY_KIB ??= '4096';
  process.env.PASSWORD_HASH_TIME_COST ??= '2';
  process.env.WORKBAY_TEST_RUN = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
};
