// `npm run bench`: each operation side by side in one Node process — the wasm package, the
// hand-written decimal.js baseline (bench/baseline.mjs), 0.3.0 (built from git, commit a7e0001,
// once, into target/bench-0.3.0/), the build before issue 28's boundary work (a2960df, built
// likewise: issue 28 asks that no row be slower than it) and the native Rust core
// (benches/core.rs) — on the same
// data, the runs of each row alternating round by round, medians compared. Prints a Markdown
// table and the size steps, and writes them into README.md between its bench markers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as baseline from './baseline.mjs';
import { medians, repeated } from './timing.mjs';
import { chain, generator, population, randomTree, referralObjects } from './data.mjs';
import { root, writeReadmeBlock } from '../scripts/lib.mjs';
import { WASM_BUDGET, gzippedSize } from '../scripts/size.mjs';

/** The release the rows are compared with. */
const RELEASE = { version: '0.3.0', commit: 'a7e0001' };
/** The build each row must not be slower than (issue 28). */
const BEFORE = { version: 'a2960df', commit: 'a2960df' };

/** A commit's package, built from it the first time (minutes), then reused. */
function releaseBuild(release = RELEASE) {
  const dir = join(root, 'target', `bench-${release.version}`);
  const pkg = join(dir, 'pkg');
  if (existsSync(join(pkg, 'package.json'))) return pkg;
  console.error(`building ${release.version} (commit ${release.commit}) into ${dir}, once…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${release.commit} | tar -x -C "${dir}"`], { cwd: root, stdio: 'inherit' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return pkg;
}

// The population-scale functions are in soei-rewards/population.
const load = (pkg) => ({
  pkg,
  main: createRequire(import.meta.url)(pkg),
  population: createRequire(import.meta.url)(join(pkg, 'population', 'node', 'index.cjs')),
});
const current = load(join(root, 'pkg'));
const soei = current.main;
const soeiPopulation = current.population;
const release = load(releaseBuild());
const before = load(releaseBuild(BEFORE));
const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };

// The native core on the same operations (JSON lines: { name, ms }).
console.error('running the native benchmark (cargo bench)…');
const native = Object.fromEntries(
  execFileSync('cargo', ['bench', '--quiet', '--bench', 'core'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).map(({ name, ms }) => [name, ms]),
);

const tree100k = randomTree(100_000, 11);
const tree100kObjects = referralObjects(tree100k);
const tree1m = randomTree(1_000_000, 12);
const chain1m = chain(1_000_000, 13);
const points1m = population(1_000_000, 14);
const calls = 10_000;

const cases = [
  { name: 'personalReward, one call', unit: 'µs', per: calls, rounds: 15, target: '≤ 0.6',
    wasm: (build) => repeated(calls, () => build.main.personalReward(EXAMPLE)), js: repeated(calls, () => baseline.personalReward(EXAMPLE)) },
  { name: 'rewardCurve, 2,000 points', unit: 'ms', per: 1, rounds: 7, target: '≤ 0.1; not slower than 0.3.0',
    wasm: (build) => () => build.main.rewardCurve({ ...EXAMPLE, from: 0, to: 1500, steps: 2000 }), js: () => baseline.rewardCurve(EXAMPLE, 0, 1500, 2000) },
  { name: 'stprFromReferrals, 100,000 users (objects)', unit: 'ms', per: 1, rounds: 5, target: '≤ 0.5',
    wasm: (build) => () => build.main.stprFromReferrals(tree100kObjects), js: () => baseline.stprFromReferrals(tree100kObjects) },
  { name: 'stprColumns, 1,000,000 users, random tree', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0',
    wasm: (build) => () => build.population.stprColumns(tree1m), js: () => baseline.stprColumns(tree1m) },
  { name: 'stprColumns, 1,000,000 users, one chain', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0',
    wasm: (build) => () => build.population.stprColumns(chain1m), js: () => baseline.stprColumns(chain1m) },
  { name: 'populationPayout, 1,000,000 users', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0',
    wasm: (build) => () => build.population.populationPayout({ pool: '1000000', points: points1m }), js: () => baseline.populationPayout({ pool: '1000000', points: points1m }) },
];

const scale = (ms, unit, per) => (unit === 'µs' ? (ms * 1000) / per : ms / per);
const format = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const rows = [];
for (const testCase of cases) {
  console.error(`timing ${testCase.name}…`);
  const [wasm, js, released, previous] = medians(testCase.rounds, testCase.wasm(current), testCase.js, testCase.wasm(release), testCase.wasm(before))
    .map((ms) => scale(ms, testCase.unit, testCase.per));
  const nativeValue = native[testCase.name] === undefined ? null : scale(native[testCase.name], testCase.unit, testCase.per);
  const unit = (value) => `${format(value)} ${testCase.unit}`;
  rows.push([
    testCase.name,
    unit(js),
    unit(released),
    unit(previous),
    unit(wasm),
    nativeValue === null ? '–' : unit(nativeValue),
    `**${format(wasm / js)}**`,
    `${format(released / js)}`,
    `${format(released / wasm)}×`,
    `${format(wasm / previous)}`,
    testCase.target,
  ]);
}

// How often the documented order of operations misses the exact result: random
// populations of 2–40 users with round STP (whole hundreds, as real populations often
// have), the first user's reward by both.
const next = generator(99);
const trials = 20_000;
const needs = [10_000, 50_000, 80_000, 100_000]; // the personal ladder, in cents
const asText = (cents) => (cents / 100).toFixed(2);
let differ = 0;
for (let trial = 0; trial < trials; trial += 1) {
  const cents = Array.from({ length: 2 + (next() % 39) }, () => (1 + (next() % 12)) * 10_000);
  const totals = needs.map((need) => cents.reduce((sum, value) => (value >= need ? sum + value : sum), 0));
  const input = { stp: asText(cents[0]), pool: asText((next() % 1_000) * 10_000), tierTotals: totals.map(asText) };
  if (soei.personalReward(input).reward !== baseline.personalReward(input).reward) differ += 1;
}

/** Gzipped sizes (level 9, as npm run size measures) of a build's two modules. */
const sizes = (pkg) => ['web', join('population', 'web')].map((dir) => {
  const wasm = readdirSync(join(pkg, dir)).find((file) => file.endsWith('.wasm'));
  return gzippedSize(join(pkg, dir, wasm));
});
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const [mainNow, populationNow] = sizes(current.pkg);
const [mainBefore, populationBefore] = sizes(release.pkg);

const lines = [
  `Machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}. Each row's runs (this build, decimal.js, ${RELEASE.version}, ${BEFORE.version}) alternate round by round in one process; medians of ${Math.min(...cases.map((c) => c.rounds))}–${Math.max(...cases.map((c) => c.rounds))} rounds after a warm-up. Time ratios: below 1 is faster than decimal.js.`,
  '',
  `| operation | decimal.js | ${RELEASE.version} (wasm) | ${BEFORE.version} (wasm) | this build (wasm) | native Rust core | this build ÷ decimal.js | ${RELEASE.version} ÷ decimal.js | speed-up over ${RELEASE.version} | this build ÷ ${BEFORE.version} | target |`,
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
  `| module, gzipped (level 9) | ${RELEASE.version} | this build |`,
  '| --- | --- | --- |',
  `| main (\`soei-rewards\`; \`npm test\` fails past ${kb(WASM_BUDGET)}) | ${kb(mainBefore)} | ${kb(mainNow)} |`,
  `| \`soei-rewards/population\` | ${kb(populationBefore)} | ${kb(populationNow)} |`,
  '',
  `- wasm linear memory after the 1,000,000-user runs: ${(soeiPopulation.wasmMemoryBytes() / 2 ** 20).toFixed(1)} MiB.`,
  `- The baseline's reward differs from the exact one in ${differ} of ${trials.toLocaleString('en')} random personalReward inputs (round-number populations).`,
];
console.log(`\n${lines.join('\n')}`);

// The README's figures come from here: the block between the markers is replaced.
writeReadmeBlock('bench', lines);
