// The package as its users get it: `npm pack`, installed from the tarball into a fresh
// consumer project, then used from Node (ESM and CommonJS), Vite and webpack 5 production
// builds and a page without a bundler (all three in Chromium), and TypeScript in strict mode.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serveFolders } from '../../scripts/serve.mjs';
import { launchChromium, watchedPage } from './chromium.mjs';
import { pkgDir, root } from './helpers.mjs';

const EXAMPLE = `{ stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] }`;
let consumer;
let browser;

const run = (command, args, cwd = consumer) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const write = (name, text) => writeFileSync(join(consumer, name), text);

before(async () => {
  consumer = mkdtempSync(join(tmpdir(), 'soei-consumer-'));
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', consumer], pkgDir).trim().split('\n').pop();
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', join(consumer, tarball)]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

test('Node ESM: import { personalReward } from "soei-rewards"', () => {
  write('esm.mjs', `import init, { personalReward } from 'soei-rewards';
await init();
console.log(personalReward(${EXAMPLE}).reward);`);
  assert.equal(run(process.execPath, ['esm.mjs']).trim(), '138.125');
});

test('Node CommonJS: require("soei-rewards"), usable right away', () => {
  write('cjs.cjs', `const { personalReward, rankProgress } = require('soei-rewards');
console.log(personalReward(${EXAMPLE}).reward, rankProgress({ points: 850 }).next);`);
  assert.equal(run(process.execPath, ['cjs.cjs']).trim(), '138.125 Diamond');
});

test('Node ESM and CommonJS: soei-rewards/population, through the same exports map', () => {
  write('population.mjs', `import init, { populationPayout, personalReward } from 'soei-rewards/population';
await init();
console.log(populationPayout({ pool: 1000, points: [850, 1200] }).distributed, personalReward(${EXAMPLE}).reward);`);
  assert.equal(run(process.execPath, ['population.mjs']).trim(), '999.999999 138.125');
  write('population.cjs', `const { stprColumns } = require('soei-rewards/population');
console.log(stprColumns({ referrers: [-1, 0], stp: [1, 2] }).stpr.join(' '));`);
  assert.equal(run(process.execPath, ['population.cjs']).trim(), '2 0');
});

/** Loads `address` in Chromium and returns what the page wrote to body[data-reward]. */
async function rewardShownAt(address) {
  const { page, problems } = await watchedPage(browser);
  await page.goto(address);
  await page.waitForSelector('body[data-reward]', { state: 'attached', timeout: 15_000 });
  const shown = await page.evaluate(() => document.body.dataset.reward);
  await page.close();
  assert.deepEqual(problems, []);
  return shown;
}

/** Serves `folder` on a free loopback port and returns what `page` there shows. */
async function rewardServedFrom(folder, page = '') {
  const { server, address } = await serveFolders([['/', folder]], 0);
  try {
    return await rewardShownAt(`${address}${page}`);
  } finally {
    server.close();
  }
}

const pageScript = `import init, { personalReward } from 'soei-rewards';
await init();
document.body.dataset.reward = personalReward(${EXAMPLE}).reward;`;

test('a Vite production build of a page computes 138.125 in Chromium', async () => {
  const { build } = await import('vite');
  write('index.html', '<!doctype html><title>vite consumer</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
  write('main.js', pageScript);
  await build({ root: consumer, logLevel: 'error', configFile: false, build: { outDir: 'dist', emptyOutDir: true } });
  assert.equal(await rewardServedFrom(join(consumer, 'dist')), '138.125');
});

test('a webpack 5 production build of a page computes 138.125 in Chromium', async () => {
  const { default: webpack } = await import('webpack');
  write('webpack-main.js', pageScript);
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: consumer,
      entry: './webpack-main.js',
      output: { path: join(consumer, 'webpack-dist'), filename: 'main.js', publicPath: '' },
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  write('webpack-dist/index.html', '<!doctype html><title>webpack consumer</title><link rel="icon" href="data:,"><script src="./main.js"></script>');
  assert.equal(await rewardServedFrom(join(consumer, 'webpack-dist')), '138.125');
});

test('a page without a bundler imports web/index.js, awaits init(), and computes 138.125', async () => {
  write('plain.html', '<!doctype html><title>plain consumer</title><link rel="icon" href="data:,"><script type="module" src="./plain.js"></script>');
  write('plain.js', pageScript.replace("'soei-rewards'", "'./node_modules/soei-rewards/web/index.js'"));
  assert.equal(await rewardServedFrom(consumer, 'plain.html'), '138.125');
});

test('TypeScript --strict accepts every function used correctly and rejects a wrong call', () => {
  write('consumer.ts', `import init, {
  personalReward, ambassadorReward, rankProgress, rankingPeriod, projectReward, rewardCurve,
  stprFromReferrals, ladders, type Reward, type ErrorCode, type SoeiError, type Ladder,
} from 'soei-rewards';
import { stprColumns, populationPayout, type PopulationPayout } from 'soei-rewards/population';
// @ts-expect-error: the population-scale functions are only in soei-rewards/population
import { populationPayout as notInTheMainEntry } from 'soei-rewards';

await init();
const reward: Reward = personalReward({ stp: '850', pool: 1000, tierTotals: ['8000', 5000, '3000', '2500'], whatIfStp: '1000', decimals: 6 });
const amount: string = reward.tiers[0].amount;
const rank: string | null = ambassadorReward({ stpr: 70000, pool: '5000', tierTotals: ['1200000', '450000', '300000'], ladder: 'ambassador' }).rank;
const progress = rankProgress({ points: '850', ladder: { tiers: [{ name: 'A', need: 0, share: '0.5' }] } });
const index: number = progress.rankIndex;
const period = rankingPeriod();
const remaining: number = rankingPeriod({ at: new Date() }).remainingMs + period.remainingMs;
const projected: string = projectReward({ stp: 850, pool: 1000, tierTotals: [8000, 5000, 3000, 2500], at: '2026-11-21T00:00:00Z' }).projected.reward;
const curve: Float64Array = rewardCurve({ stp: 850, pool: 1000, tierTotals: [8000, 5000, 3000, 2500], from: 0, to: 1200, steps: 13 }).rewards;
const stpr: Record<string, string> = stprFromReferrals({ users: [{ id: 'a', referrer: null, stp: '1' }], levels: ['1'] });
const columns: Float64Array = stprColumns({ referrers: Int32Array.of(-1, 0), stp: Float64Array.of(1, 2) }).stpr;
const payout: PopulationPayout = populationPayout({ pool: 1000, points: [850, 1200], exact: true });
const exactRewards: string[] | undefined = payout.exact;
const personal: Ladder = ladders().personal;
const points: 'STP' | 'STPR' = personal.points;
try {
  personalReward({ stp: '-1', pool: '1', tierTotals: [] });
} catch (error) {
  const code: ErrorCode = (error as SoeiError).code;
  console.log(code);
}
// @ts-expect-error: pool and tierTotals are required
personalReward({ stp: '850' });
// @ts-expect-error: a boolean is no decimal
rankProgress({ points: true });
// @ts-expect-error: rewardCurve takes no what-if
rewardCurve({ stp: 1, pool: 1, tierTotals: [], from: 0, to: 1, steps: 2, whatIfStp: 1 });
console.log(amount, rank, index, remaining, projected, curve, stpr, points, columns, exactRewards);
`);
  write('tsconfig.json', JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
    files: ['consumer.ts'],
  }));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    run(process.execPath, [tsc, '-p', consumer]);
  } catch (error) {
    assert.fail(`tsc reported:\n${error.stdout}${error.stderr}`);
  }
});
