// Drops this run's template databases, and those of runs killed more than a day ago (their
// teardown never ran). Names: workbay_tpl_<run start, base 36>_<random>_<migrations hash>.
const { Client } = require('pg');

const PREFIX = 'workbay_tpl_';

module.exports = async () => {
  const run = process.env.WORKBAY_TEST_RUN;
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const { rows } = await admin.query(`select datname from pg_database where datname like $1`, [`${PREFIX}%`]);
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const { datname } of rows) {
      const started = Number.parseInt(datname.slice(PREFIX.length).split('_')[0], 36);
      if ((run && datname.startsWith(`${PREFIX}${run}_`)) || !(started > dayAgo)) {
        await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
      }
    }
  } finally {
    await admin.end();
  }
};
