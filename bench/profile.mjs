// `npm run profile [-- rewardCurve]`: where one call's time goes (personalReward unless named). Runs the call in a loop under
// Node's sampling profiler (--cpu-prof) and sums the samples' self time by where they fall:
// the wasm module's functions (the top ones named), wasm-bindgen's JS glue (the boundary
// crossings), and the rest (garbage collection, the loop). It loads the build as wasm-pack
// made it, before wasm-opt, whose function names the profile can show.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cargoArgsOf, stagingDir, wasmPack } from '../scripts/build.mjs';
import { chain, population, randomTree, referralObjects } from './data.mjs';

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
/** The operations profiled: a call each, and how many calls make a profile. */
const OPERATIONS = {
  personalReward: { calls: 200_000, call: (soei) => soei.personalReward(EXAMPLE) },
  rewardCurve: { calls: 2_000, call: (soei) => soei.rewardCurve({ ...EXAMPLE, from: 0, to: 1500, steps: 2000 }) },
  stprFromReferrals: { calls: 5, data: () => referralObjects(randomTree(100_000, 11)), call: (soei, input) => soei.stprFromReferrals(input) },
  // The population module's rows of `npm run bench`, on the same data.
  stprColumnsChain: { module: 'soei_rewards_population', calls: 5, data: () => chain(1_000_000, 13), call: (soei, data) => soei.stprColumns(data) },
  stprColumnsTree: { module: 'soei_rewards_population', calls: 5, data: () => randomTree(1_000_000, 12), call: (soei, data) => soei.stprColumns(data) },
  populationPayout: { module: 'soei_rewards_population', calls: 5, data: () => population(1_000_000, 14), call: (soei, points) => soei.populationPayout({ pool: '1000000', points }) },
};
const operation = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'personalReward';
if (!(operation in OPERATIONS)) throw new Error(`profile.mjs: no operation ${operation} (${Object.keys(OPERATIONS).join(', ')})`);
const { calls: CALLS, call, module = 'soei_rewards', data = () => undefined } = OPERATIONS[operation];

if (process.argv.includes('--loop')) {
  const { createRequire } = await import('node:module');
  const soei = createRequire(import.meta.url)(join(stagingDir(module, 'nodejs'), `${module}.js`));
  const input = data();
  for (let index = 0; index < CALLS; index += 1) call(soei, input);
} else {
  // The module as wasm-bindgen's Node target builds it (the package itself ships the web
  // target), with the function names kept, from the source as it is now.
  wasmPack(module, 'nodejs', cargoArgsOf(module));
  const folder = mkdtempSync(join(tmpdir(), 'soei-profile-'));
  try {
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', folder, '--cpu-prof-interval', '50', import.meta.filename, operation, '--loop']);
    const profile = JSON.parse(readFileSync(join(folder, readdirSync(folder)[0]), 'utf8'));
    const interval = (profile.endTime - profile.startTime) / profile.samples.length;
    const selfTime = new Map();
    const counts = new Map(profile.samples.map((id) => [id, 0]));
    for (const id of profile.samples) counts.set(id, counts.get(id) + 1);
    for (const node of profile.nodes) selfTime.set(node, (counts.get(node.id) ?? 0) * interval);
    const groups = new Map();
    const wasmFunctions = new Map();
    for (const [node, time] of selfTime) {
      const { url, functionName } = node.callFrame;
      const group = url.startsWith('wasm://') ? 'wasm: the module (decoding, rules, encoding)'
        : url.endsWith(`${module}.js`) ? 'JS glue: wasm-bindgen imports (each a boundary crossing)'
          : functionName === '(garbage collector)' ? 'garbage collection'
            : functionName === '(program)' || functionName === '(idle)' ? 'the engine itself' : 'the loop and Node';
      groups.set(group, (groups.get(group) ?? 0) + time);
      if (url.startsWith('wasm://')) wasmFunctions.set(functionName, (wasmFunctions.get(functionName) ?? 0) + time);
    }
    const total = [...groups.values()].reduce((a, b) => a + b, 0);
    console.log(`${operation} × ${CALLS}: ${(total / CALLS).toFixed(2)} µs a call, sampled`);
    for (const [group, time] of [...groups].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${(time / CALLS).toFixed(2).padStart(6)} µs  ${group}`);
    }
    // The module's time by crate: the first path segment of each function's name.
    const crates = new Map();
    for (const [name, time] of wasmFunctions) {
      const crate = name.replace(/^<+/, '').match(/^([a-z_0-9]+)(\[[0-9a-f]+\])?::/)?.[1] ?? 'other (compiler builtins, glue stubs)';
      crates.set(crate, (crates.get(crate) ?? 0) + time);
    }
    console.log('  the module\'s time by crate:');
    for (const [crate, time] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${(time / CALLS).toFixed(2).padStart(6)} µs  ${crate}`);
    }
    console.log('  the module\'s busiest functions:');
    for (const [name, time] of [...wasmFunctions].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${(time / CALLS).toFixed(2).padStart(6)} µs  ${name.slice(0, 110)}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
