// The operations `npm run bench` times (bench/bench.mjs), and the builds it times them in: this
// one, 0.3.0 and the build before issue 28's boundary work (a2960df). bench/versus.mjs times
// one of them, this build against a2960df alone, in a process of its own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as baseline from './baseline.mjs';
import { repeated } from './timing.mjs';
import { chain, population, randomTree, referralObjects } from './data.mjs';
import { root } from '../scripts/lib.mjs';

/** The release the rows are compared with. */
export const RELEASE = { version: '0.3.0', commit: 'a7e0001' };
/** The build each row must not be slower than (issue 28). */
export const BEFORE = { version: 'a2960df', commit: 'a2960df' };

/** A commit's package, built from it the first time (minutes), then reused. */
export function releaseBuild(release) {
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

/** A package's two modules (the population-scale functions are in soei-rewards/population). */
export const load = (pkg) => ({
  pkg,
  main: createRequire(import.meta.url)(pkg),
  population: createRequire(import.meta.url)(join(pkg, 'population', 'node', 'index.cjs')),
});

/** This build's package. */
export const CURRENT = join(root, 'pkg');

export const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
const CALLS = 10_000;

/** Each operation: its name (and the native benchmark's, benches/core.rs), its unit and how
 *  many operations a run makes, the rounds of the four-way medians, the target, and
 *  `versus`: how bench/versus.mjs compares this build with a2960df (pairs of runs of `repeat`
 *  runs each, in `processes` processes: a short call's time differs between processes by more
 *  than between these two builds). `data()` makes the input once; `wasm(build, data)` and
 *  `js(data)` are one run. */
export const CASES = [
  { name: 'personalReward, one call', unit: 'µs', per: CALLS, rounds: 15, target: '≤ 0.6', versus: { rounds: 41, repeat: 1, processes: 7 },
    data: () => EXAMPLE,
    wasm: (build, input) => repeated(CALLS, () => build.main.personalReward(input)), js: (input) => repeated(CALLS, () => baseline.personalReward(input)) },
  { name: 'rewardCurve, 2,000 points', unit: 'ms', per: 1, rounds: 7, target: '≤ 0.1; not slower than 0.3.0', versus: { rounds: 41, repeat: 200, processes: 3 },
    data: () => ({ ...EXAMPLE, from: 0, to: 1500, steps: 2000 }),
    wasm: (build, input) => () => build.main.rewardCurve(input), js: () => () => baseline.rewardCurve(EXAMPLE, 0, 1500, 2000) },
  { name: 'stprFromReferrals, 100,000 users (objects)', unit: 'ms', per: 1, rounds: 5, target: '≤ 0.5', versus: { rounds: 15, repeat: 1, processes: 3 },
    data: () => referralObjects(randomTree(100_000, 11)),
    wasm: (build, users) => () => build.main.stprFromReferrals(users), js: (users) => () => baseline.stprFromReferrals(users) },
  { name: 'stprColumns, 1,000,000 users, random tree', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0', versus: { rounds: 11, repeat: 1, processes: 3 },
    data: () => randomTree(1_000_000, 12),
    wasm: (build, tree) => () => build.population.stprColumns(tree), js: (tree) => () => baseline.stprColumns(tree) },
  { name: 'stprColumns, 1,000,000 users, one chain', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0', versus: { rounds: 11, repeat: 1, processes: 3 },
    data: () => chain(1_000_000, 13),
    wasm: (build, tree) => () => build.population.stprColumns(tree), js: (tree) => () => baseline.stprColumns(tree) },
  { name: 'populationPayout, 1,000,000 users', unit: 'ms', per: 1, rounds: 3, target: '≤ 0.1; not slower than 0.3.0', versus: { rounds: 11, repeat: 1, processes: 3 },
    data: () => ({ pool: '1000000', points: population(1_000_000, 14) }),
    wasm: (build, input) => () => build.population.populationPayout(input), js: (input) => () => baseline.populationPayout(input) },
];
