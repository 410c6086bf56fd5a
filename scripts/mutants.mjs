// `npm run mutants`: the measure of the core's tests. cargo-mutants (27.1, from crates.io)
// changes the core crate one small edit at a time (an operator, a return value, a match arm)
// and runs its tests on each "mutant": a mutant the tests still pass is "missed".
//
//   node scripts/mutants.mjs               every shard in turn, then the report
//   node scripts/mutants.mjs --shard K     shard K (0-based) of SHARDS only, then the report
//   node scripts/mutants.mjs --report      the report from the shards already run
//   node scripts/mutants.mjs --iterate     (with or without --shard) only the mutants not
//                                          caught or unviable before: after adding tests
//
// Its settings live in .cargo/mutants.toml and Cargo.toml's [profile.mutants], so that a bare
// `cargo mutants` measures the same way. A shard keeps cargo-mutants' output in
// target/mutation/shard-K and every outcome so far in target/mutation/shard-K.json (an
// `--iterate` run reports only what it tested); the report merges them, checks that together
// they hold every mutant of the crate as it is now (`cargo mutants --list`: a mutant whose line
// moved is a new one), and writes the counts per file, the targets and every missed
// mutant with the reason it is left (tests/mutants-missed.json) into README.md's `mutants`
// block. Not part of `npm test`: a whole run takes over an hour on two cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, output, root, run, writeReadmeBlock } from './lib.mjs';

export const CARGO_MUTANTS_VERSION = '27.1.0';
/** How many shards the crate's mutants are dealt into: one is about 20 minutes on two cores. */
export const SHARDS = 4;
const outDir = join(root, 'target', 'mutation');
const shardDir = (shard) => join(outDir, `shard-${shard}`);
const recordPath = (shard) => join(outDir, `shard-${shard}.json`);
/** Why each missed mutant is left: keyed by the mutant's name without its line and column
 *  (they move with every edit above it), e.g. "src/number.rs: replace < with <= in floor". */
const explanationsPath = join(root, 'tests', 'mutants-missed.json');

/** The targets: the share of viable mutants the tests must catch, per group of files. */
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
/** A shard's outcomes so far: mutant name → { file, summary, build, test } (seconds). */
const readRecord = (shard) => (existsSync(recordPath(shard)) ? JSON.parse(readFileSync(recordPath(shard), 'utf8')) : {});

function runShard(shard, iterate) {
  console.log(`\n> cargo mutants: shard ${shard} of 0..${SHARDS - 1}${iterate ? ', iterating' : ''}`);
  const args = ['mutants', '--package', 'soei-rewards', '--shard', `${shard}/${SHARDS}`, '--output', shardDir(shard), ...(iterate ? ['--iterate'] : [])];
  const result = spawnSync('cargo', args, { stdio: 'inherit', cwd: root });
  // cargo-mutants' exit codes: 0 all caught, 2 some missed, 3 some timed out, 4 the unmutated
  // tree failed; anything but the first three means there is nothing to report.
  if (![0, 2, 3].includes(result.status)) throw new Error(`cargo mutants, shard ${shard}, failed (exit code ${result.status ?? result.signal})`);
  recordShard(shard, iterate);
}

/** Adds what cargo-mutants just reported for `shard` to its record (a fresh one unless
 *  `iterate`). */
export function recordShard(shard, iterate) {
  const report = JSON.parse(readFileSync(join(shardDir(shard), 'mutants.out', 'outcomes.json'), 'utf8'));
  if (report.cargo_mutants_version !== CARGO_MUTANTS_VERSION) throw new Error(`mutants: shard ${shard} was run by cargo-mutants ${report.cargo_mutants_version}`);
  const record = iterate ? readRecord(shard) : {};
  for (const { scenario, summary, phase_results: phases } of report.outcomes) {
    const seconds = (phase) => phases.find((result) => result.phase === phase)?.duration ?? 0;
    if (scenario === 'Baseline') record[BASELINE] = { build: seconds('Build'), test: seconds('Test') };
    else record[scenario.Mutant.name] = { file: scenario.Mutant.file, summary, build: seconds('Build'), test: seconds('Test') };
  }
  writeFileSync(recordPath(shard), `${JSON.stringify(record, null, 1)}\n`);
}

/** Every mutant's outcome from the shards' records, checked against the crate's own list. */
export function mergedOutcomes() {
  const recorded = new Map();
  for (let shard = 0; shard < SHARDS; shard += 1) {
    if (!existsSync(recordPath(shard))) throw new Error(`mutants: shard ${shard} has not been run (no ${recordPath(shard)})`);
    for (const [name, outcome] of Object.entries(readRecord(shard))) if (name !== BASELINE) recorded.set(name, outcome);
  }
  const listed = JSON.parse(output('cargo', ['mutants', '--package', 'soei-rewards', '--list', '--json']) ?? '[]').map((mutant) => mutant.name);
  const unmeasured = listed.filter((name) => !recorded.has(name));
  if (listed.length === 0 || unmeasured.length > 0) {
    throw new Error(`mutants: ${unmeasured.length} of the crate's ${listed.length} mutants are in no shard's record (e.g. ${unmeasured.slice(0, 3).join('; ')}): run \`npm run mutants -- --iterate\``);
  }
  // A recorded mutant that is no longer listed (its line moved, or its code went) is dropped.
  return listed.map((name) => ({ name, ...recorded.get(name) }));
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
export function reportLines(outcomes, explanations) {
  const counts = countsByFile(outcomes);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const viable = outcomes.filter(({ summary }) => summary !== 'Unviable');
  const lines = [
    `cargo-mutants ${CARGO_MUTANTS_VERSION}, ${outcomes.length} mutants of the core crate in ${SHARDS} shards (\`npm run mutants\`); a viable mutant took a median ${median(viable.map(({ build }) => build)).toFixed(1)} s to build and ${median(viable.map(({ test }) => test)).toFixed(1)} s to test:`,
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
  return lines;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const shardAt = args.indexOf('--shard');
  const iterate = args.includes('--iterate');
  if (!args.includes('--report')) {
    ensureCargoMutants();
    mkdirSync(outDir, { recursive: true });
    if (shardAt >= 0) runShard(Number(args[shardAt + 1]), iterate);
    else for (let shard = 0; shard < SHARDS; shard += 1) runShard(shard, iterate);
  }
  const explanations = existsSync(explanationsPath) ? JSON.parse(readFileSync(explanationsPath, 'utf8')) : {};
  writeReadmeBlock('mutants', reportLines(mergedOutcomes(), explanations));
}
