// `npm run bench`, the bound: what the parts of one personalReward call, and of
// stprFromReferrals over 100,000 user objects, cost, each against the decimal.js baseline in
// the same process (alternating rounds, medians). The parts are the test-only exports of a
// build with the `bench-probe` feature (wasm/src/lib.rs), built like the package (release,
// same wasm-opt) into target/bench-probe/: an export that does nothing, serde-wasm-bindgen
// walking the input by itself (every value visited as the package's reader asks for it,
// nothing kept), the request read as the package reads it, read and computed without
// the result, and the result written as its tape without crossing.
// Writes the table into README.md between its bench:bound markers.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as baseline from './baseline.mjs';
import { randomTree, referralObjects } from './data.mjs';
import { medians, repeated } from './timing.mjs';
import { readable } from '../wasm/js/results.mjs';
import { mainInlining, wasmOptFlags, wasmPack } from '../scripts/build.mjs';
import { isMain, root, writeReadmeBlock } from '../scripts/lib.mjs';

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
const CALLS = 10_000;
const ROUNDS = 31;
const REFERRAL_ROUNDS = 7;

/** Builds the probe module for a wasm-bindgen target ('nodejs', or 'web' for the browser
 *  page), then runs wasm-opt as the package's build does; returns its folder, which holds
 *  soei_rewards.js. */
export function buildProbe(target) {
  const dir = join(root, 'target', 'bench-probe', target);
  wasmPack('soei_rewards', target, ['--features', 'bench-probe'], dir);
  const wasm = join(dir, 'soei_rewards_bg.wasm');
  execFileSync(join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), [...wasmOptFlags, ...mainInlining, wasm, '-o', wasm], { stdio: 'inherit' });
  return dir;
}

/** One table: each part's time a call and its ratio to the decimal.js baseline's whole call. */
function table(heading, unit, [baselineName, baselineCall], parts, rounds, calls) {
  const scale = unit === 'µs' ? 1000 / calls : 1 / calls;
  const [js, ...times] = medians(rounds, repeated(calls, baselineCall), ...parts.map(([, call]) => repeated(calls, call))).map((ms) => ms * scale);
  const digits = unit === 'µs' ? 2 : 0;
  return [
    heading,
    '',
    '| part | time | ÷ decimal.js |',
    '| --- | --- | --- |',
    `| ${baselineName} | ${js.toFixed(digits)} ${unit} | 1.00 |`,
    ...times.map((time, index) => `| ${parts[index][0]} | ${time.toFixed(digits)} ${unit} | **${(time / js).toFixed(2)}** |`),
  ];
}

if (isMain(import.meta.url)) {
  const probe = createRequire(import.meta.url)(join(buildProbe('nodejs'), 'soei_rewards.js'));
  const soei = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'index.cjs'));
  const walk = 'serde-wasm-bindgen walking the input alone (every value, asked as the package asks; nothing kept)';
  // The floor of any call on the design card's stack that a throwing getter cannot break:
  // the package's JS copy of the input (wasm/js/results.mjs), then the walk. Not a part of
  // the rows below it (they are the module's, without the copy).
  const floor = "the package's copy of the input in JS, then the walk: the floor of a call";
  const single = table(
    `One \`personalReward\` call of the documentation's example, by part (Node ${process.version}; ${ROUNDS} alternating rounds of ${CALLS.toLocaleString('en')} calls, medians; \`node bench/bound.mjs\`). Each wasm row includes the work of the wasm rows above it, except the copy's row, which is the walk after the package's JS copy of the input (the rows after it are the module's alone).`,
    'µs',
    ['decimal.js baseline (the whole call)', () => baseline.personalReward(EXAMPLE)],
    [
      ['an export that does nothing', () => probe.probeEmpty(EXAMPLE)],
      [walk, () => probe.probeWalk(EXAMPLE)],
      [floor, () => probe.probeWalk(readable(EXAMPLE))],
      ['the request read as the package reads it', () => probe.probeRead(EXAMPLE)],
      ['read and computed, no result written', () => probe.probeCompute(EXAMPLE)],
      ['read, computed and the result written as its tape, inside wasm', () => probe.probeTape(EXAMPLE)],
      ['the whole call (`personalReward`, the package)', () => soei.personalReward(EXAMPLE)],
    ],
    ROUNDS,
    CALLS,
  );
  const users = referralObjects(randomTree(100_000, 11));
  const referrals = table(
    `\`stprFromReferrals\` over 100,000 user objects (bench/data.mjs's random tree; ${REFERRAL_ROUNDS} alternating rounds, medians):`,
    'ms',
    ['decimal.js baseline (the whole call)', () => baseline.stprFromReferrals(users)],
    [
      [walk, () => probe.probeWalk(users)],
      [floor, () => probe.probeWalk(readable(users))],
      ['the request read as the package reads it', () => probe.probeReadReferrals(users)],
      ['the whole call (`stprFromReferrals`, the package)', () => soei.stprFromReferrals(users)],
    ],
    REFERRAL_ROUNDS,
    1,
  );
  const lines = [...single, '', ...referrals];
  console.log(lines.join('\n'));
  writeReadmeBlock('bench:bound', lines);
}
