// `npm run bench`: each operation side by side in one Node process — the wasm package, the
// hand-written decimal.js baseline (bench/baseline.mjs), 0.3.0 (built from git, commit a7e0001,
// once, into target/bench-0.3.0/), the build before issue 28's boundary work (a2960df, built
// likewise: issue 28 asks that no row be slower than it) and the native Rust core
// (benches/core.rs) — on the same data (bench/cases.mjs), the runs of each row alternating
// round by round, medians compared; this build against a2960df also apart, in pairs, in fresh
// processes (bench/versus.mjs). Prints a Markdown table and the size steps, and writes them
// into README.md between its bench markers.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as baseline from './baseline.mjs';
import { BEFORE, CASES, CURRENT, RELEASE, load, releaseBuild } from './cases.mjs';
import { median, medians } from './timing.mjs';
import { generator } from './data.mjs';
import { root, writeReadmeBlock } from '../scripts/lib.mjs';
import { WASM_BUDGET, gzippedSize } from '../scripts/size.mjs';

const current = load(CURRENT);
const soei = current.main;
const soeiPopulation = current.population;
const release = load(releaseBuild(RELEASE));
const before = load(releaseBuild(BEFORE));

// The native core on the same operations (JSON lines: { name, ms }).
console.error('running the native benchmark (cargo bench)…');
const native = Object.fromEntries(
  execFileSync('cargo', ['bench', '--quiet', '--bench', 'core'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).map(({ name, ms }) => [name, ms]),
);

const scale = (ms, unit, per) => (unit === 'µs' ? (ms * 1000) / per : ms / per);
const format = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const rows = [];
for (const [index, testCase] of CASES.entries()) {
  console.error(`timing ${testCase.name}…`);
  const input = testCase.data();
  const [wasm, js, released, previous] = medians(testCase.rounds, testCase.wasm(current, input), testCase.js(input), testCase.wasm(release, input), testCase.wasm(before, input))
    .map((ms) => scale(ms, testCase.unit, testCase.per));
  // This build against a2960df, in processes of their own (bench/versus.mjs).
  const { processes } = testCase.versus;
  const results = Array.from({ length: processes }, () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(root, 'bench', 'versus.mjs'), String(index)], { encoding: 'utf8' })));
  const processMedians = results.map((result) => result.median);
  const versus = `${median(processMedians).toFixed(2)} (${Math.min(...processMedians).toFixed(2)}–${Math.max(...processMedians).toFixed(2)})`;
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
    versus,
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
  `Machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}. Each row's runs (this build, decimal.js, ${RELEASE.version}, ${BEFORE.version}) alternate round by round in one process; medians of ${Math.min(...CASES.map((c) => c.rounds))}–${Math.max(...CASES.map((c) => c.rounds))} rounds after a warm-up. Time ratios: below 1 is faster than decimal.js. This build ÷ ${BEFORE.version} is timed apart (\`bench/versus.mjs\`): the two builds alone, in rounds of pairs (which goes first alternates), each run after a garbage collection, in ${Math.min(...CASES.map((c) => c.versus.processes))}–${Math.max(...CASES.map((c) => c.versus.processes))} fresh processes, since a short call's time differs between processes by more than between the builds; the median over the processes of each one's median pair ratio, and the lowest and highest of those.`,
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
