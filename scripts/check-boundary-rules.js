#!/usr/bin/env node
/**
 * `npm run lint:deps`. A dependency rule whose pattern matches nothing passes forever, so first
 * cruise the bad fixtures (.dependency-cruiser/fixtures) and require exactly the violations listed
 * in their expected-violations.json, every rule at least once; only then cruise the real tree,
 * which must be clean.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const config = path.join(root, '.dependency-cruiser.js');
const fixtures = path.join(root, '.dependency-cruiser', 'fixtures');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');

function cruise(cwd, extraArgs, stdio) {
  return spawnSync(depcruise, ['--config', config, ...extraArgs, 'apps', 'libs'], {
    cwd, encoding: 'utf8', stdio, maxBuffer: 256 * 1024 * 1024,
  });
}

/** An npm target resolves to a machine-specific path; name it by its package instead. */
function targetName(to) {
  const npm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(to);
  return npm ? npm[1] : to;
}

const key = (v) => `${v.rule}: ${v.from} -> ${v.to}`;

function checkFixtures() {
  const run = cruise(fixtures, ['--output-type', 'json'], ['ignore', 'pipe', 'pipe']);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    console.error(`depcruise on the fixtures gave no JSON report (exit ${run.status}):\n${run.stderr}`);
    return false;
  }
  const actual = new Set(report.summary.violations.map((v) => key({ rule: v.rule.name, from: v.from, to: targetName(v.to) })));
  const expected = require(path.join(fixtures, 'expected-violations.json'));
  const wanted = new Set(expected.map(key));
  const missing = [...wanted].filter((k) => !actual.has(k));
  const unexpected = [...actual].filter((k) => !wanted.has(k));
  const rules = require(config).forbidden.map((r) => r.name);
  const untested = rules.filter((name) => !expected.some((e) => e.rule === name));
  for (const k of missing) console.error(`rule did not fire on its fixture: ${k}`);
  for (const k of unexpected) console.error(`fixture flagged where none was expected: ${k}`);
  for (const name of untested) console.error(`rule has no bad fixture: ${name}`);
  if (missing.length || unexpected.length || untested.length) return false;
  console.log(`boundary rules: each of ${rules.length} rules flags its fixture (${expected.length} violations, as expected)`);
  return true;
}

if (!checkFixtures()) {
  console.error('boundary rules are broken: fix .dependency-cruiser.js or .dependency-cruiser/fixtures');
  process.exit(1);
}
const real = cruise(root, [], 'inherit');
process.exit(real.status ?? 1);
