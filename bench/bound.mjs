// `npm run bench`, the bound: what one personalReward call's parts cost, each against the
// decimal.js baseline in the same process (alternating rounds, medians). The parts are the
// test-only exports of a build with the `bench-probe` feature (wasm/src/lib.rs), built like
// the package (release, same wasm-opt) into target/bench-probe/: an export that does nothing,
// serde-wasm-bindgen walking the input by itself (into a serde_json::Value, none of our code),
// the request read as the package reads it, and read and computed without the result.
// Writes the table into README.md between its bench:bound markers.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as baseline from './baseline.mjs';
import { medians, repeated } from './timing.mjs';
import { wasmOptFlags, wasmPack } from '../scripts/build.mjs';
import { isMain, root, writeReadmeBlock } from '../scripts/lib.mjs';

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
const CALLS = 10_000;
const ROUNDS = 31;

/** The probe build's Node glue (built, then wasm-opt as the package is). */
export function buildProbe() {
  const dir = join(root, 'target', 'bench-probe');
  wasmPack('soei_rewards', 'nodejs', ['--features', 'bench-probe'], dir);
  const wasm = join(dir, 'soei_rewards_bg.wasm');
  execFileSync(join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), [...wasmOptFlags, wasm, '-o', wasm], { stdio: 'inherit' });
  return createRequire(import.meta.url)(join(dir, 'soei_rewards.js'));
}

if (isMain(import.meta.url)) {
  const probe = buildProbe();
  const soei = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'index.cjs'));
  const parts = [
    ['decimal.js baseline (the whole call)', () => baseline.personalReward(EXAMPLE)],
    ['an export that does nothing', () => probe.probeEmpty(EXAMPLE)],
    ['serde-wasm-bindgen walking the input alone (into a `serde_json::Value`)', () => probe.probeWalk(EXAMPLE)],
    ['the request read as the package reads it', () => probe.probeRead(EXAMPLE)],
    ['read and computed, no result written', () => probe.probeCompute(EXAMPLE)],
    ['the whole call (`personalReward`, the package)', () => soei.personalReward(EXAMPLE)],
  ];
  // Milliseconds for CALLS calls, as µs a call.
  const [js, ...times] = medians(ROUNDS, ...parts.map(([, call]) => repeated(CALLS, call))).map((ms) => (ms * 1000) / CALLS);
  const lines = [
    `One \`personalReward\` call of the documentation's example, by part (Node ${process.version}; ${ROUNDS} alternating rounds of ${CALLS.toLocaleString('en')} calls, medians; \`node bench/bound.mjs\`). Each wasm row includes the work of the wasm rows above it.`,
    '',
    '| part | time | ÷ decimal.js |',
    '| --- | --- | --- |',
    `| ${parts[0][0]} | ${js.toFixed(2)} µs | 1.00 |`,
    ...times.map((time, index) => `| ${parts[index + 1][0]} | ${time.toFixed(2)} µs | **${(time / js).toFixed(2)}** |`),
  ];
  console.log(lines.join('\n'));
  writeReadmeBlock('bench:bound', lines);
}
