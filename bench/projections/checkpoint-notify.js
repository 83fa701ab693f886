// node bench/projections/checkpoint-notify.js postgres://postgres@127.0.0.1:5432/<scratch db>
// Why the projection runner NOTIFYs after commit (libs/platform README, projections/): the worker's
// batch throughput and a concurrent notifier's (the API's append notices) with the checkpoint NOTIFY
// inside the batch transaction vs. after it, in its own asynchronous-commit statement. Creates and drops nb_* tables.
const { Pool } = require('pg');
const url = process.argv[2];
const N = 1500;
async function main() {
  const pool = new Pool({ connectionString: url, max: 4 });
  await pool.query(`drop table if exists nb_rows; create table nb_rows (id bigserial primary key, v int); drop table if exists nb_cp; create table nb_cp (name text primary key, checkpoint text); insert into nb_cp values ('p','0')`);
  const worker = await pool.connect();
  async function run(mode, noise) {
    let stop = false;
    const noisy = [];
    let noiseCount = 0;
    for (let i = 0; i < noise; i++) noisy.push((async () => { const c = await pool.connect(); try { while (!stop) { await c.query(`select set_config('synchronous_commit','off',true), pg_notify('nb_app', 'x')`); noiseCount++; } } finally { c.release(); } })());
    let inflight = null, pending = null;
    const after = (cp) => { pending = cp; if (!inflight) inflight = (async () => { while (pending !== null) { const p = pending; pending = null; await pool.query(`select set_config('synchronous_commit','off',true), pg_notify('nb_cp', $1)`, ['p ' + p]); } inflight = null; })(); };
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      await worker.query('begin');
      await worker.query('insert into nb_rows (v) values ($1)', [i]);
      if (mode === 'in-tx') await worker.query(`with m as (update nb_cp set checkpoint = $1 where name = 'p' returning name, checkpoint) select pg_notify('nb_cp', name || ' ' || checkpoint) from m`, [String(i)]);
      else await worker.query(`update nb_cp set checkpoint = $1 where name = 'p'`, [String(i)]);
      await worker.query('commit');
      if (mode === 'after') after(String(i));
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    while (inflight) await inflight;
    stop = true; await Promise.all(noisy);
    console.log(`${mode.padEnd(6)} noise=${noise}: ${(N / ms * 1000).toFixed(0)} batches/s, ${(ms / N).toFixed(2)} ms/batch; noise notifies ${(noiseCount / ms * 1000).toFixed(0)}/s`);
  }
  for (let rep = 0; rep < 3; rep++) for (const noise of [0, 1]) for (const mode of ['in-tx', 'after']) await run(mode, noise);
  worker.release();
  await pool.query(`drop table nb_rows; drop table nb_cp`);
  await pool.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
