// `npm run mutants`: the measure of the core's tests. cargo-mutants (27.1, from crates.io)
// changes the core crate one small edit at a time (an operator, a return value, a match arm)
// and runs its tests on each "mutant": a mutant the tests still pass is "missed".
//
//   node scripts/mutants.mjs               every shard in turn, then the report
//   node scripts/mutants.mjs --shard K     shard K (0-based) of SHARDS only, then the report
//   node scripts/mutants.mjs --iterate     after adding tests: only the mutants that no run
//                                          has caught yet (missed, or new: a line that moved
//                                          makes a new mutant), then the report
//   node scripts/mutants.mjs --report      the report from what has been run
//
// Its settings live in .cargo/mutants.toml and Cargo.toml's [profile.mutants], so that a bare
// `cargo mutants` measures the same way. Each run keeps cargo-mutants' output in
// target/mutation/<run> and its outcomes in target/mutation/<run>.json (shard-K, iterate);
// the report merges them (an iteration's outcome over a shard's), checks that together they
// hold every mutant of the crate as it is now (`cargo mutants --list`), and writes the counts
// per file, the targets and every missed mutant with the reason it is left
// (tests/mutants-missed.json) into README.md's `mutants` block. Not part of `npm test`: a
// whole run takes over an hour on two cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, output, root, run, writeReadmeBlock } from './lib.mjs';

export const CARGO_MUTANTS_VERSION = '27.1.0';
/** How many shards the crate's mutants are dealt into: one is about 20 minutes on two cores. */
export const SHARDS = 4;
const outDir = join(root, 'target', 'mutation');
/** The runs whose records the report merges, later over earlier. */
const RUNS = [...Array.from({ length: SHARDS }, (_, shard) => `shard-${shard}`), 'iterate'];
const runDir = (name) => join(outDir, name);
const recordPath = (name) => join(outDir, `${name}.json`);
/** Why each missed mutant is left: keyed by the mutant's name without its line and column
 *  (they move with every edit above it), e.g. "src/number.rs: replace < with <= in floor". */
const explanationsPath = join(root, 'tests', 'mutants-missed.json');

/** The issue's targets: the share of viable mutants the tests must catch, per group of files. */
export const TARGETS = [
  { name: 'numbers and rules', goal: 0.9, files: (file) => file.startsWith('src/number') || ['src/reward.rs', 'src/curve.rs', 'src/referral.rs', 'src/population.rs', 'src/planning.rs'].includes(file) },
  // calendar.rs is the ISO grammar and the calendar, taken out of period.rs and input.rs.
  { name: 'periods and input', goal: 0.8, files: (file) => ['src/period.rs', 'src/calendar.rs', 'src/input.rs'].includes(file) || file.startsWith('src/input/') },
];

/** A mutant's name without its position: "src/a.rs:12:5: replace x" → "src/a.rs: replace x". */
export const withoutPosition = (name) => name.replace(/^([^:]+):\d+:\d+:/, '$1:');

function ensureCargoMutants() {
  if (output('cargo', ['mutants', '--version'])?.includes(CARGO_MUTANTS_VERSION)) return;
  run('cargo', ['install', '--locked', 'cargo-mutants', '--version', CARGO_MUTANTS_VERSION]);
}

/** The record's key for the unmutated tree's build and test times. */
const BASELINE = '(baseline)';
/** A run's outcomes: mutant name → { file, summary, build, test } (seconds). */
const readRecord = (name) => (existsSync(recordPath(name)) ? JSON.parse(readFileSync(recordPath(name), 'utf8')) : {});

/** Runs cargo-mutants into target/mutation/`name` with `args`, and records its outcomes
 *  (added to the run's earlier ones when `accumulate`). */
function runMutants(name, args, accumulate) {
  console.log(`\n> cargo mutants (${name})`);
  const result = spawnSync('cargo', ['mutants', '--package', 'soei-rewards', '--output', runDir(name), ...args], { stdio: 'inherit', cwd: root });
  // cargo-mutants' exit codes: 0 all caught, 2 some missed, 3 some timed out, 4 the unmutated
  // tree failed; anything but the first three means there is nothing to record.
  if (![0, 2, 3].includes(result.status)) throw new Error(`cargo mutants (${name}) failed (exit code ${result.status ?? result.signal})`);
  record(name, accumulate);
}

/** Adds what cargo-mutants reported in target/mutation/`name` to that run's record (a fresh
 *  one unless `accumulate`). */
export function record(name, accumulate) {
  const report = JSON.parse(readFileSync(join(runDir(name), 'mutants.out', 'outcomes.json'), 'utf8'));
  if (report.cargo_mutants_version !== CARGO_MUTANTS_VERSION) throw new Error(`mutants: ${name} was run by cargo-mutants ${report.cargo_mutants_version}`);
  const outcomes = accumulate ? readRecord(name) : {};
  for (const { scenario, summary, phase_results: phases } of report.outcomes) {
    const seconds = (phase) => phases.find((result) => result.phase === phase)?.duration ?? 0;
    if (scenario === 'Baseline') outcomes[BASELINE] = { build: seconds('Build'), test: seconds('Test'), minutes: (Date.parse(report.end_time) - Date.parse(report.start_time)) / 60_000 };
    else outcomes[scenario.Mutant.name] = { file: scenario.Mutant.file, summary, build: seconds('Build'), test: seconds('Test') };
  }
  writeFileSync(recordPath(name), `${JSON.stringify(outcomes, null, 1)}\n`);
  // A shard measured afresh is newer than any iteration's outcome of the same mutants.
  if (name !== 'iterate' && existsSync(recordPath('iterate'))) {
    const iterated = readRecord('iterate');
    for (const mutant of Object.keys(outcomes)) if (mutant !== BASELINE) delete iterated[mutant];
    writeFileSync(recordPath('iterate'), `${JSON.stringify(iterated, null, 1)}\n`);
  }
}

/** Every outcome recorded, an iteration's over a shard's. */
function recorded() {
  const outcomes = new Map();
  for (const name of RUNS) {
    for (const [mutant, outcome] of Object.entries(readRecord(name))) if (mutant !== BASELINE) outcomes.set(mutant, outcome);
  }
  return outcomes;
}

/** How long each shard's last run took, in minutes. */
export const shardMinutes = () => RUNS.filter((name) => name.startsWith('shard-')).map((name) => readRecord(name)[BASELINE]?.minutes).filter((minutes) => minutes !== undefined);

/** The crate's mutants as they are now. */
function listed() {
  const list = spawnSync('cargo', ['mutants', '--package', 'soei-rewards', '--list', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (list.status !== 0) throw new Error(`cargo mutants --list failed: ${list.stderr}`);
  return JSON.parse(list.stdout).map((mutant) => mutant.name);
}

/** Tests again every mutant that no run has caught (or found unviable, or timed out on): the
 *  others are handed to cargo-mutants' own `--iterate` as caught. */
function iterate() {
  const done = [...recorded()].filter(([, { summary }]) => summary !== 'MissedMutant').map(([name]) => name);
  const previous = join(runDir('iterate'), 'mutants.out');
  rmSync(runDir('iterate'), { recursive: true, force: true });
  mkdirSync(previous, { recursive: true });
  writeFileSync(join(previous, 'caught.txt'), done.map((name) => `${name}\n`).join(''));
  runMutants('iterate', ['--iterate'], true);
}

/** Every mutant's outcome from the records, checked against the crate's own list. */
export function mergedOutcomes() {
  const outcomes = recorded();
  const names = listed();
  const unmeasured = names.filter((name) => !outcomes.has(name));
  if (names.length === 0 || unmeasured.length > 0) {
    throw new Error(`mutants: ${unmeasured.length} of the crate's ${names.length} mutants are in no run's record (e.g. ${unmeasured.slice(0, 3).join('; ')}): run \`npm run mutants -- --iterate\``);
  }
  // A recorded mutant that is no longer listed (its line moved, or its code went) is dropped.
  return names.map((name) => ({ name, ...outcomes.get(name) }));
}

const KINDS = { CaughtMutant: 'caught', MissedMutant: 'missed', Unviable: 'unviable', Timeout: 'timeout' };

/** Counts per file: caught, missed, unviable (did not build), timeout. */
export function countsByFile(outcomes) {
  const byFile = new Map();
  for (const { file, summary } of outcomes) {
    const kind = KINDS[summary];
    if (kind === undefined) throw new Error(`mutants: unknown outcome ${summary}`);
    if (!byFile.has(file)) byFile.set(file, { caught: 0, missed: 0, unviable: 0, timeout: 0 });
    byFile.get(file)[kind] += 1;
  }
  return new Map([...byFile].sort(([a], [b]) => a.localeCompare(b)));
}

/** The share of viable mutants caught; a timeout counts as caught (the tests did not pass). */
export function caughtRate({ caught, missed, timeout }) {
  const viable = caught + missed + timeout;
  return viable === 0 ? 1 : (caught + timeout) / viable;
}

const percent = (rate) => `${(rate * 100).toFixed(1)}%`;
const sum = (counts) => counts.reduce((total, count) => {
  for (const key of Object.keys(total)) total[key] += count[key];
  return total;
}, { caught: 0, missed: 0, unviable: 0, timeout: 0 });

/** README.md's `mutants` block: the table, the targets, and each missed mutant with its reason. */
export function reportLines(outcomes, explanations, minutes = []) {
  const counts = countsByFile(outcomes);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const viable = outcomes.filter(({ summary }) => summary !== 'Unviable');
  const lines = [
    `cargo-mutants ${CARGO_MUTANTS_VERSION}, ${outcomes.length} mutants of the core crate in ${SHARDS} shards (\`npm run mutants\`)${minutes.length > 0 ? `, each shard ${Math.round(Math.min(...minutes))} to ${Math.round(Math.max(...minutes))} minutes on this machine's two cores` : ''}; a viable mutant took a median ${median(viable.map(({ build }) => build)).toFixed(1)} s to build and ${median(viable.map(({ test }) => test)).toFixed(1)} s to test:`,
    '',
    '| file | caught | missed | timeout | unviable | caught of viable |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[...counts].map(([file, c]) => `| \`${file}\` | ${c.caught} | ${c.missed} | ${c.timeout} | ${c.unviable} | ${percent(caughtRate(c))} |`),
    '',
  ];
  for (const target of TARGETS) {
    const total = sum([...counts].filter(([file]) => target.files(file)).map(([, c]) => c));
    const rate = caughtRate(total);
    lines.push(`- ${target.name}: ${percent(rate)} of ${total.caught + total.missed + total.timeout} viable mutants caught (target ${percent(target.goal)}): ${rate >= target.goal ? 'met' : 'missed'}.`);
  }
  const missed = outcomes.filter(({ summary }) => summary === 'MissedMutant');
  lines.push('', missed.length === 0 ? 'No mutant is missed.' : `Missed, each with why it is left (tests/mutants-missed.json):`);
  if (missed.length > 0) lines.push('');
  for (const { name } of missed) {
    const why = explanations[withoutPosition(name)] ?? 'NOT EXPLAINED';
    lines.push(`- \`${name}\`: ${why}`);
  }
  // An explanation of a mutant that is no longer missed (a test catches it now) is stale.
  const stillMissed = new Set(missed.map(({ name }) => withoutPosition(name)));
  const stale = Object.keys(explanations).filter((key) => !stillMissed.has(key));
  if (stale.length > 0) console.error(`mutants: tests/mutants-missed.json explains mutants that are no longer missed:\n  ${stale.join('\n  ')}`);
  return lines;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const shardAt = args.indexOf('--shard');
  if (!args.includes('--report')) {
    ensureCargoMutants();
    mkdirSync(outDir, { recursive: true });
    if (args.includes('--iterate')) iterate();
    else {
      const shards = shardAt >= 0 ? [Number(args[shardAt + 1])] : Array.from({ length: SHARDS }, (_, shard) => shard);
      for (const shard of shards) runMutants(`shard-${shard}`, ['--shard', `${shard}/${SHARDS}`], false);
    }
  }
  const explanations = existsSync(explanationsPath) ? JSON.parse(readFileSync(explanationsPath, 'utf8')) : {};
  writeReadmeBlock('mutants', reportLines(mergedOutcomes(), explanations, shardMinutes()));
}
